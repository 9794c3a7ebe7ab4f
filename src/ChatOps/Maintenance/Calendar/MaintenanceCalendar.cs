using System.Globalization;
using System.Text;
using ChatOps.Maintenance.Policy;

namespace ChatOps.Maintenance.Calendar;

/// <summary>
/// The iCalendar feed (RFC 5545) Google Calendar and Outlook subscribe to. Each window is a
/// VEVENT with a UID that never changes, SEQUENCE = the window's revision (raised by every
/// change), DTSTAMP/LAST-MODIFIED = its last change, UTC times, and STATUS CANCELLED once
/// cancelled (TENTATIVE while an emergency awaits approval). Pure: same windows, same bytes.
/// </summary>
public static class MaintenanceCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Render(IEnumerable<MaintenanceWindow> windows)
    {
        var ics = new StringBuilder();
        void Line(string line) => ICalendarText.AppendLine(ics, line);

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//ChatOps//Maintenance windows//EN");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:Maintenance windows");
        Line("X-WR-CALDESC:Planned and emergency maintenance announced by ChatOps");
        Line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        Line("X-PUBLISHED-TTL:PT1H");
        foreach (var w in windows)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{Uid(w)}");
            Line($"DTSTAMP:{Stamp(w.UpdatedAt)}");
            Line($"CREATED:{Stamp(w.CreatedAt)}");
            Line($"LAST-MODIFIED:{Stamp(w.UpdatedAt)}");
            Line($"SEQUENCE:{w.Revision}");
            Line($"DTSTART:{Stamp(w.StartsAt)}");
            Line($"DTEND:{Stamp(w.EndsAt)}");
            Line($"SUMMARY:{ICalendarText.Escape(Summary(w))}");
            Line($"DESCRIPTION:{ICalendarText.Escape(Description(w))}");
            if (w.Scope is { } scope)
            {
                Line($"LOCATION:{ICalendarText.Escape(scope)}");
            }

            Line("CATEGORIES:Maintenance");
            Line($"STATUS:{Status(w)}");
            Line("TRANSP:TRANSPARENT");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>Stable for the life of the window: its id and creation instant (unique across reinstalls of the database).</summary>
    public static string Uid(MaintenanceWindow w) => $"maint-{w.Id}-{w.CreatedAt.ToUnixTimeSeconds()}@chatops";

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Status(MaintenanceWindow w) => w.Status switch
    {
        WindowStatus.Cancelled => "CANCELLED",
        WindowStatus.Pending => "TENTATIVE",
        _ => "CONFIRMED",
    };

    private static string Summary(MaintenanceWindow w) => w.Status switch
    {
        WindowStatus.Cancelled => $"Cancelled: {w.Title} ({w.Label})",
        WindowStatus.Pending => $"Emergency maintenance (awaiting approval): {w.Title} ({w.Label})",
        _ when w.Kind == WindowKind.Emergency => $"Emergency maintenance: {w.Title} ({w.Label})",
        _ => $"Maintenance: {w.Title} ({w.Label})",
    };

    private static string Description(MaintenanceWindow w)
    {
        var lines = new List<string> { $"Scope: {Scopes.Describe(w.Scope)}", $"Planner: {w.PlannerId}" };
        if (w.Kind == WindowKind.Emergency)
        {
            lines.Add($"Emergency reason: {w.Reason}");
            lines.Add(w.ApprovedBy is { } by ? $"Approved by {by} at {SchedulePolicy.Utc(w.ApprovedAt!.Value)}" : "Awaiting approval");
        }

        if (w.IsExtended)
        {
            lines.Add($"Extended: planned to end at {SchedulePolicy.Utc(w.PlannedEndsAt)}");
        }

        if (w.Status == WindowStatus.Cancelled)
        {
            lines.Add($"Cancelled by {w.CancelledBy}: {w.CancelReason}");
        }

        var missing = w.Checklist.Missing;
        lines.Add(missing.Count == 0 ? "Pre-flight checklist complete." : $"Pre-flight checklist missing: {string.Join("; ", missing.Select(i => i.Label()))}");
        lines.Add($"Details in chat: /maint show {w.Id}");
        return string.Join("\n", lines);
    }
}
