using System.Text;

namespace ChatOps.Incidents;

/// <summary>The channel name an incident asks for: "&lt;prefix&gt;-&lt;number&gt;-&lt;slug of the title&gt;". Platforms adapt it to their rules.</summary>
public static class ChannelNames
{
    public const int MaxLength = 80;

    public static string For(string prefix, long number, string title)
    {
        var head = $"{prefix}-{number}";
        var slug = Slug(title, MaxLength - head.Length - 1);
        return slug.Length == 0 ? head : $"{head}-{slug}";
    }

    /// <summary>Lowercase ASCII letters and digits joined by single hyphens, at most <paramref name="max"/> characters.</summary>
    public static string Slug(string text, int max)
    {
        var builder = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(ch);
            }
            else if (char.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > max)
        {
            slug = slug[..Math.Max(0, max)].TrimEnd('-');
        }

        return slug;
    }
}
