using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Local;

/// <summary>
/// Renders neutral messages to HTML for the playground. Every piece of text is encoded; links
/// only for http(s) and same-site paths; buttons carry their command line in a data attribute.
/// </summary>
public static partial class LocalHtml
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Message(ChatMessage message)
    {
        var html = new StringBuilder();
        foreach (var block in message.Blocks)
        {
            html.Append(block switch
            {
                Header h => $"<div class=\"m-header\">{E(h.Text)}</div>",
                Section s => Section(s),
                Context c => $"<div class=\"m-context\">{string.Join(" · ", c.Elements.Select(Rich))}</div>",
                Actions a => $"<div class=\"m-actions\">{string.Concat(a.Buttons.Select(Button))}</div>",
                Divider => "<hr>",
                Preformatted p => $"<pre>{E(p.Text)}</pre>",
                _ => string.Empty,
            });
        }

        return html.ToString();
    }

    /// <summary>What a person typed: encoded, mentions shown by name, line breaks kept.</summary>
    public static string UserText(string text)
    {
        var encoded = new StringBuilder();
        var last = 0;
        foreach (Match m in MentionToken().Matches(text))
        {
            encoded.Append(E(text[last..m.Index]));
            encoded.Append(CultureInfo.InvariantCulture, $"<span class=\"mention\">@{E(LocalUsers.NameOf(m.Groups["id"].Value))}</span>");
            last = m.Index + m.Length;
        }

        encoded.Append(E(text[last..]));
        return encoded.ToString().Replace("&#xA;", "<br>", StringComparison.Ordinal);
    }

    public static string Form(ChatForm form, long messageId)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<form class=\"m-form\" data-form=\"{messageId}\"><div class=\"m-header\">{E(form.Title)}</div>");
        foreach (var field in form.Fields)
        {
            var name = E(field.Id);
            html.Append(CultureInfo.InvariantCulture, $"<label>{E(field.Label)}{(field.Optional ? " (optional)" : string.Empty)}");
            html.Append(field switch
            {
                TextInput { Multiline: true } t => $"<textarea name=\"{name}\" placeholder=\"{E(t.Placeholder)}\">{E(t.Initial)}</textarea>",
                TextInput t => $"<input name=\"{name}\" placeholder=\"{E(t.Placeholder)}\" value=\"{E(t.Initial)}\">",
                Choice c => $"<select name=\"{name}\">{string.Concat(c.Options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == c.Initial ? " selected" : string.Empty)}>{E(o.Label)}</option>"))}</select>",
                _ => string.Empty,
            });
            html.Append("</label>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"m-form-error\" hidden></div><button type=\"submit\">{E(form.SubmitLabel)}</button></form>");
        return html.ToString();
    }

    public static string File(string fileName, string content) =>
        $"<details class=\"m-file\" open><summary>📄 {E(fileName)}</summary><pre>{E(content)}</pre></details>";

    private static string Section(Section s)
    {
        var html = $"<p>{Rich(s.Text)}</p>";
        if (s.Fields is { Count: > 0 } fields)
        {
            html += "<dl>" + string.Concat(fields.Select(f => $"<dt>{E(f.Label)}</dt><dd>{Rich(f.Value)}</dd>")) + "</dl>";
        }

        return html;
    }

    private static string Rich(Rich rich) => string.Concat(rich.Parts.Select(Inline));

    private static string Inline(Inline inline) => inline switch
    {
        Plain p => E(p.Text).Replace("&#xA;", "<br>", StringComparison.Ordinal),
        Bold b => $"<strong>{E(b.Text)}</strong>",
        Italic i => $"<em>{E(i.Text)}</em>",
        Code c => $"<code>{E(c.Text)}</code>",
        Mention m => $"<span class=\"mention\">@{E(LocalUsers.NameOf(m.UserId))}</span>",
        ChannelRef c => $"<a href=\"#\" class=\"channel-ref\" data-channel=\"{E(c.ChannelId)}\">#{E(c.Name ?? c.ChannelId)}</a>",
        Link l when SafeUrl(l.Url) => $"<a href=\"{E(l.Url)}\"{Target(l.Url)}>{E(l.Label)}</a>",
        Link l => E(l.Label),
        Time t => $"<time datetime=\"{t.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{E(t.ToPlainText())}</time>",
        LineBreak => "<br>",
        _ => E(inline.ToPlainText()),
    };

    private static string Button(Button b) => b switch
    {
        { Command: { } command } => $"<button type=\"button\" class=\"cmd {b.Style.ToString().ToLowerInvariant()}\" data-command=\"{E(command)}\">{E(b.Text)}</button>",
        { Url: { } url } when SafeUrl(url) => $"<a class=\"btn\" href=\"{E(url)}\"{Target(url)}>{E(b.Text)}</a>",
        _ => string.Empty,
    };

    /// <summary>Links within the playground stay in the tab; others open a new one.</summary>
    private static string Target(string url) => url.StartsWith('/') ? string.Empty : " target=\"_blank\" rel=\"noopener noreferrer\"";

    private static bool SafeUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp));

    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9:_\-\.]{1,200})(?:\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex MentionToken();
}
