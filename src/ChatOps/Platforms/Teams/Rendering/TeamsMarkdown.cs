using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Teams.Rendering;

/// <summary>
/// Neutral inline text to the markdown subset Teams renders in Adaptive Card text. User text is
/// escaped, so it can never open a link, format, or form an &lt;at&gt; mention (a mention needs an
/// entity, and entities are only made from <see cref="Mention"/> ids). Times use the card's DATE/TIME
/// functions, which Teams shows in each reader's own time zone.
/// </summary>
public sealed partial class TeamsMarkdown(IReadOnlyDictionary<string, string> names, Func<string, string?> channelUrl)
{
    private readonly List<(string Id, string Name, string Text)> _mentions = [];

    /// <summary>The mentions rendered so far, as msteams.entities needs them.</summary>
    public IReadOnlyList<(string Id, string Name, string Text)> Mentions => _mentions;

    public string Render(Rich text)
    {
        var builder = new StringBuilder();
        foreach (var part in text.Parts)
        {
            builder.Append(part switch
            {
                Plain p => Escape(p.Text),
                Bold b => b.Text.Length == 0 ? string.Empty : $"**{Escape(b.Text)}**",
                Italic i => i.Text.Length == 0 ? string.Empty : $"_{Escape(i.Text)}_",
                // Card markdown has no inline code; the text stays, escaped.
                Code c => Escape(c.Text),
                Mention m => RenderMention(m.UserId),
                ChannelRef c => RenderChannel(c),
                Link l => RenderLink(l.Url, l.Label),
                Time t => RenderTime(t.At),
                LineBreak => "\n\n",
                _ => string.Empty,
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// Backslash-escapes what Teams card markdown acts on: emphasis, links, &lt;at&gt; tags, and list
    /// or heading markers at the start of a line. Other punctuation is left alone so it reads normally.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var marker = lineStart && (ch is '-' or '+' or '#' or '>' || (ch == '.' && i > 0 && char.IsDigit(text[i - 1])));
            if (marker || ch is '\\' or '*' or '_' or '[' or ']' or '<' or '>' or '`' or '~')
            {
                builder.Append('\\');
            }

            builder.Append(ch);
            lineStart = ch == '\n' || (lineStart && (ch == ' ' || char.IsDigit(ch)));
        }

        // "{{" would start a card function such as {{DATE(...)}}.
        return builder.ToString().Replace("{{", "{\u200B{", StringComparison.Ordinal);
    }

    /// <summary>At most <paramref name="max"/> characters, ending in "…" when cut, never splitting a surrogate pair.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var length = max - 1;
        length = length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..length] + "…";
    }

    /// <summary>Teams user ids: "29:..." (users) and "8:orgid:..." (org accounts). Anything else is shown as text.</summary>
    public static bool IsUserId(string id) => UserId().IsMatch(id);

    private string RenderMention(string userId)
    {
        if (!IsUserId(userId))
        {
            return Escape("@" + userId);
        }

        // Escaped like user text: names come from Teams profiles, which their owners choose.
        var name = names.TryGetValue(userId, out var known) ? known : "someone";
        var tag = $"<at>{Escape(name)}</at>";
        if (!_mentions.Any(m => m.Id == userId))
        {
            _mentions.Add((userId, name, tag));
        }

        return tag;
    }

    private string RenderChannel(ChannelRef channel)
    {
        var label = "#" + (channel.Name ?? "channel");
        return channelUrl(channel.ChannelId) is { } url ? $"[{Escape(label)}]({url})" : Escape(label);
    }

    private static string RenderLink(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{Escape(label)}]({uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})"
            : Escape(label);

    private static string RenderTime(DateTimeOffset at)
    {
        var iso = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{{{{DATE({iso}, SHORT)}}}} {{{{TIME({iso})}}}}";
    }

    [GeneratedRegex(@"^(?:29:|8:orgid:)[A-Za-z0-9_\-\.:]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserId();
}
