using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Slack.Rendering;

/// <summary>
/// Neutral inline text to Slack mrkdwn. Every piece of text is escaped (&amp; &lt; &gt;), so user
/// text can never form a mention, a broadcast or a link; the only control sequences in the output
/// are the ones built here from validated ids and URLs.
/// </summary>
public static partial class SlackMrkdwn
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Render(Rich rich)
    {
        var text = new StringBuilder();
        foreach (var part in rich.Parts)
        {
            text.Append(Render(part));
        }

        return text.ToString();
    }

    public static string Render(Inline part) => part switch
    {
        Plain p => Escape(p.Text),
        Bold b => Wrap("*", b.Text),
        Italic i => Wrap("_", i.Text),
        Code c => Wrap("`", c.Text.Replace('`', 'ˋ')),
        Mention m => IsUserId(m.UserId) ? $"<@{m.UserId}>" : Escape(m.ToPlainText()),
        ChannelRef c => IsChannelId(c.ChannelId) ? $"<#{c.ChannelId}>" : Escape(c.ToPlainText()),
        Link l => RenderLink(l),
        Time t => RenderTime(t.At),
        LineBreak => "\n",
        _ => Escape(part.ToPlainText()),
    };

    /// <summary>Slack user ids: U or W followed by upper-case letters and digits.</summary>
    public static bool IsUserId(string id) => UserIdPattern().IsMatch(id);

    public static bool IsChannelId(string id) => ChannelIdPattern().IsMatch(id);

    /// <summary>The URL when it is an absolute http(s) or mailto link, else null.</summary>
    public static string? SafeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto)
            ? uri.AbsoluteUri
            : null;

    /// <summary>
    /// Shortens mrkdwn to <paramref name="max"/> characters with an ellipsis, never cutting inside
    /// a &lt;...&gt; token, an &amp;entity; or a surrogate pair (each would garble or break the message).
    /// </summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        var open = text.LastIndexOf('<', cut - 1);
        if (open >= 0 && text.LastIndexOf('>', cut - 1) < open)
        {
            cut = open;
        }

        var amp = text.LastIndexOf('&', cut - 1);
        if (amp >= 0)
        {
            var semicolon = text.IndexOf(';', amp);
            if (semicolon < 0 || semicolon >= cut)
            {
                cut = amp;
            }
        }

        return PlainText.Cut(text, cut) + "…";
    }

    private static string Wrap(string marker, string text) =>
        string.IsNullOrWhiteSpace(text) ? Escape(text) : marker + Escape(text) + marker;

    private static string RenderLink(Link link)
    {
        var url = SafeUrl(link.Url);
        if (url is null)
        {
            return Escape(link.Label);
        }

        // Slack splits the token at the first '|', so the URL must not contain one.
        var label = Escape(string.IsNullOrWhiteSpace(link.Label) ? url : link.Label);
        return $"<{Escape(url).Replace("|", "%7C", StringComparison.Ordinal)}|{label}>";
    }

    private static string RenderTime(DateTimeOffset at)
    {
        var unix = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"<!date^{unix}^{{date_short_pretty}} {{time}}|{new Time(at).ToPlainText()}>";
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[CGD][A-Z0-9]{2,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelIdPattern();
}

/// <summary>plain_text objects: Slack never parses them for mentions or links, so only length matters.</summary>
public static class PlainText
{
    public static string Truncate(string text, int max) => text.Length <= max ? text : Cut(text, max - 1) + "…";

    /// <summary>The first <paramref name="length"/> characters, one fewer if that would split a surrogate pair.</summary>
    public static string Cut(string text, int length)
    {
        length = Math.Clamp(length, 0, text.Length);
        return length > 0 && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
