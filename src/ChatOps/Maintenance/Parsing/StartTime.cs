using System.Globalization;
using System.Text.RegularExpressions;
using ChatOps.Chat.Commands;

namespace ChatOps.Maintenance.Parsing;

/// <summary>A start as typed: an instant already (offset or zone given), or a wall-clock time in the user's own zone.</summary>
public abstract record StartSpec;

public sealed record AbsoluteStart(DateTimeOffset At, string? Note = null) : StartSpec;

/// <summary>A local date and time with no zone: the user's profile zone decides.</summary>
public sealed record UserLocalStart(DateTime Local) : StartSpec;

/// <summary>
/// Reads the start of a window from the command words: "2026-12-01T22:00+01:00",
/// "2026-12-01T21:00Z", "2026-12-01 22:00 Europe/Berlin", "2026-12-01 22:00 +01:00", or
/// "2026-12-01 22:00" (the user's own zone). Consumes only the words that belong to the start.
/// </summary>
public static partial class StartTime
{
    public const string Examples = "2026-12-01T22:00+01:00, 2026-12-01 22:00 Europe/Berlin, or 2026-12-01 22:00 in your own zone";

    public static StartSpec? Parse(CommandText text, out string? problem)
    {
        problem = null;
        var first = text.NextWord();
        if (first.Length == 0)
        {
            problem = $"The start is missing ({Examples}).";
            return null;
        }

        if (WithOffset().IsMatch(first))
        {
            if (DateTimeOffset.TryParse(first, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return new AbsoluteStart(at);
            }

            problem = $"'{first}' is not a valid date and time.";
            return null;
        }

        string localText;
        if (LocalDateTime().IsMatch(first))
        {
            localText = first.Replace('T', ' ');
        }
        else if (DatePattern().IsMatch(first))
        {
            var time = text.PeekWord();
            if (!TimePattern().IsMatch(time))
            {
                problem = $"After the date {first}, give a time as HH:MM (for example {first} 22:00 Europe/Berlin).";
                return null;
            }

            text.NextWord();
            localText = $"{first} {time}";
        }
        else
        {
            problem = $"I couldn't read the start '{first}': write it like {Examples}.";
            return null;
        }

        if (!DateTime.TryParseExact(localText, ["yyyy-MM-dd H:mm", "yyyy-MM-dd H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problem = $"'{localText}' is not a valid date and time.";
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var zoneWord = text.PeekWord();
        if (!LooksLikeZone(zoneWord))
        {
            return new UserLocalStart(local);
        }

        text.NextWord();
        if (ParseOffset(zoneWord) is { } offset)
        {
            return new AbsoluteStart(new DateTimeOffset(local, offset));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneWord, out var zone))
        {
            problem = $"I don't know the time zone '{zoneWord}'. Use an IANA name such as Europe/Berlin or America/New_York, or an offset such as +01:00.";
            return null;
        }

        return Resolve(local, zone, out problem);
    }

    /// <summary>
    /// A wall-clock time in a zone as an instant. A time skipped by a daylight-saving change is
    /// refused with the gap named. A time that happens twice is read as the FIRST occurrence
    /// (the earlier instant, still on summer time), and the answer says how to pick the second.
    /// </summary>
    public static AbsoluteStart? Resolve(DateTime local, TimeZoneInfo zone, out string? problem)
    {
        problem = null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var shown = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (zone.IsInvalidTime(local))
        {
            var (from, to) = Gap(local, zone);
            problem = $"{shown} does not exist in {zone.Id}: that night the clocks jump from {from:HH:mm} to {to:HH:mm}. " +
                      $"Pick a time outside the gap, or give an explicit offset.";
            return null;
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max();
            var second = offsets.Min();
            return new AbsoluteStart(
                new DateTimeOffset(local, first),
                $"{shown} happens twice in {zone.Id}; I took the first one (UTC{Offset(first)}). " +
                $"For the second, write {local:yyyy-MM-dd'T'HH:mm}{Offset(second)}.");
        }

        return new AbsoluteStart(new DateTimeOffset(local, zone.GetUtcOffset(local)));
    }

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }

    private static (DateTime From, DateTime To) Gap(DateTime local, TimeZoneInfo zone)
    {
        // Search the UTC instant where the offset changes within the 12 hours around the local time.
        var low = new DateTimeOffset(local, TimeSpan.Zero).AddHours(-14).UtcDateTime;
        var high = low.AddHours(28);
        var before = zone.GetUtcOffset(low);
        while (high - low > TimeSpan.FromMinutes(1))
        {
            var middle = low + ((high - low) / 2);
            if (zone.GetUtcOffset(middle) == before)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var switchAt = new DateTime(high.Ticks - (high.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        return (switchAt + before, switchAt + zone.GetUtcOffset(switchAt));
    }

    private static bool LooksLikeZone(string word) =>
        word.Length > 0 && (word.Contains('/', StringComparison.Ordinal) || ParseOffset(word) is not null
            || word.Equals("UTC", StringComparison.OrdinalIgnoreCase) || word.Equals("GMT", StringComparison.OrdinalIgnoreCase));

    private static TimeSpan? ParseOffset(string word)
    {
        if (word.Equals("Z", StringComparison.OrdinalIgnoreCase) || word.Equals("UTC", StringComparison.OrdinalIgnoreCase)
            || word.Equals("GMT", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.Zero;
        }

        var match = OffsetPattern().Match(word);
        if (!match.Success)
        {
            return null;
        }

        var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return match.Groups["s"].Value == "-" ? -offset : offset;
    }

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}(?::\d{2})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocalDateTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{1,2}:\d{2}(?::\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(?:UTC|GMT)?(?<s>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();
}
