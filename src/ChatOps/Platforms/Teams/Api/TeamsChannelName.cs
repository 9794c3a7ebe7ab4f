using System.Text;

namespace ChatOps.Platforms.Teams.Api;

/// <summary>
/// A channel display name Teams accepts (protocol digest §13): at most 50 characters, without
/// ~ # % &amp; * { } + / \ : &lt; &gt; ? | ' " or control characters, no "..", not starting with
/// "_" or "." nor ending with ".", and not a reserved word.
/// </summary>
public static class TeamsChannelName
{
    public const int MaxLength = 50;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "forms", "CON", "CONIN$", "CONOUT$", "PRN", "AUX", "NUL", "desktop.ini",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The cleaned name, with "-2", "-3"... for <paramref name="attempt"/> &gt; 1, still within the limit.</summary>
    public static string For(string name, int attempt = 1)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            if ("~#%&*{}+/\\:<>?|'\"".Contains(ch, StringComparison.Ordinal) || char.IsControl(ch) || ch is >= '\u0080' and <= '\u009F')
            {
                continue;
            }

            builder.Append(ch);
        }

        var cleaned = builder.ToString().Replace("_vti_", "vti", StringComparison.OrdinalIgnoreCase);
        while (cleaned.Contains("..", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("..", ".", StringComparison.Ordinal);
        }

        var suffix = attempt > 1 ? $"-{attempt}" : string.Empty;
        cleaned = Trim(cleaned);
        if (cleaned.Length + suffix.Length > MaxLength)
        {
            cleaned = Trim(cleaned[..(MaxLength - suffix.Length)]);
        }

        if (cleaned.Length == 0 || Reserved.Contains(cleaned))
        {
            cleaned = "incident" + (cleaned.Length == 0 ? string.Empty : "-" + cleaned);
        }

        return cleaned + suffix;
    }

    private static string Trim(string name) => name.Trim().TrimStart('_', '.').TrimEnd('.', ' ', '-');
}
