using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace ChatOps.Web;

/// <summary>Small helpers for the server-rendered pages. Every value goes through <see cref="E"/>.</summary>
public static partial class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    /// <summary>A UTC instant the page script turns into the reader's local time.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t
        ? $"<time datetime=\"{t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}</time>"
        : "<span class=\"muted\">—</span>";

    /// <summary>"3h 12m", "2d 4h", "45s": how long ago or how long until.</summary>
    public static string Span(TimeSpan span)
    {
        var s = span.Duration();
        return s.TotalDays >= 1 ? $"{(int)s.TotalDays}d {s.Hours}h"
            : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h {s.Minutes}m"
            : s.TotalMinutes >= 1 ? $"{(int)s.TotalMinutes}m"
            : $"{Math.Max(0, (int)s.TotalSeconds)}s";
    }

    public static string Severity(int severity) => $"<span class=\"sev sev{severity}\">SEV{severity}</span>";

    /// <summary>Text people typed: encoded, with neutral mention tokens ("&lt;@U123&gt;") shown as "@U123".</summary>
    public static string Said(string? text) => E(MentionToken().Replace(text ?? string.Empty, m => "@" + m.Groups["id"].Value));

    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9:_\-\.]{1,200})(?:\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex MentionToken();
}
