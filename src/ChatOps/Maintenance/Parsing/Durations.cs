using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOps.Maintenance.Parsing;

/// <summary>Durations as people type them ("90m", "4h", "1h30m", "1d") and as the bot says them.</summary>
public static partial class Durations
{
    public const string Examples = "90m, 4h or 1h30m";

    /// <summary>Parses a duration; a zero result is returned as zero so the policy can say why it is refused.</summary>
    public static bool TryParse(string word, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.Zero;
        problem = null;
        if (word.StartsWith('-'))
        {
            problem = $"A duration must be positive, not '{word}' (for example {Examples}).";
            return false;
        }

        var match = Pattern().Match(word);
        if (word.Length == 0 || !match.Success)
        {
            problem = word.Length == 0
                ? $"A duration is missing (for example {Examples})."
                : $"I couldn't read the duration '{word}': write it like {Examples}.";
            return false;
        }

        duration = TimeSpan.FromDays(Number(match, "d")) + TimeSpan.FromHours(Number(match, "h")) + TimeSpan.FromMinutes(Number(match, "m"));
        return true;
    }

    /// <summary>"1h30m", "4h", "45m", "36h": hours and minutes, the way durations are typed.</summary>
    public static string Compact(TimeSpan span)
    {
        var minutes = (long)Math.Ceiling(span.TotalMinutes);
        var (hours, rest) = (minutes / 60, minutes % 60);
        var text = (hours > 0 ? $"{hours}h" : string.Empty) + (rest > 0 ? $"{rest}m" : string.Empty);
        return text.Length == 0 ? "0m" : text;
    }

    /// <summary>"5 days", "36 hours", "1 day 12 hours", "90 minutes": how the notice rule is quoted.</summary>
    public static string Words(TimeSpan span)
    {
        if (span.TotalMinutes < 1)
        {
            return "no notice";
        }

        if (span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return Plural((long)span.TotalDays, "day");
        }

        if (span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return span.TotalDays > 1 && span.Days > 0
                ? $"{Plural(span.Days, "day")} {Plural(span.Hours, "hour")}"
                : Plural((long)span.TotalHours, "hour");
        }

        return Plural((long)Math.Ceiling(span.TotalMinutes), "minute");
    }

    private static string Plural(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static int Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?=\d)(?:(?<d>\d{1,3})d)?(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,5})m(?:in)?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
