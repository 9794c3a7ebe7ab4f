using ChatOps.Chat.Messages;
using ChatOps.Maintenance.Policy;
using ChatOps.Maintenance.Parsing;
using TimeInline = ChatOps.Chat.Messages.Time;

namespace ChatOps.Maintenance.Announcements;

/// <summary>
/// Announcements as neutral messages. Times are <see cref="TimeInline"/> inlines (each reader sees
/// local time where the platform can) with the UTC text beside them; user text enters only as
/// Plain or Bold, people only as mentions.
/// </summary>
public static class MaintenanceMessages
{
    public static ChatMessage Announcement(MaintenanceWindow w, AnnouncementKind kind, IReadOnlyList<MajorIncident> incidents)
    {
        var headline = kind.Headline(w);
        var blocks = new List<Block>
        {
            new Header(headline),
            new Section(Rich.Of(new Bold(w.Title), new Plain($" ({w.Label})")), Fields(w, kind)),
        };

        if (kind is AnnouncementKind.Started && incidents.Count > 0)
        {
            blocks.AddRange(IncidentWarning(w, incidents));
        }

        if (kind is not (AnnouncementKind.Ended or AnnouncementKind.Cancelled))
        {
            blocks.AddRange(ChecklistBlocks(w));
        }

        blocks.Add(new Context([Rich.Of(new Plain($"{w.Label} · details: "), new Code($"/maint show {w.Id}"))]));
        var fallback = $"{headline}: {w.Title} ({w.Label}), {SchedulePolicy.Utc(w.StartsAt)} to {SchedulePolicy.Utc(w.EndsAt)}";
        if (kind is AnnouncementKind.Started && incidents.Count > 0)
        {
            fallback += $". {IncidentList(incidents)} active: confirm or postpone.";
        }

        return new ChatMessage(fallback, blocks);
    }

    /// <summary>The label/value fields shared by announcements and /maint show.</summary>
    public static List<Field> Fields(MaintenanceWindow w, AnnouncementKind? kind = null)
    {
        var fields = new List<Field>
        {
            new("When", When(w.StartsAt, w.EndsAt)),
            new("Duration", Rich.Text(Durations.Compact(w.Duration))),
            new("Scope", Rich.Text(Scopes.Describe(w.Scope))),
            new("Planner", Rich.Of(new Mention(w.PlannerId))),
        };

        if (w.IsExtended)
        {
            fields.Add(new("Planned end", Rich.Of(new TimeInline(w.PlannedEndsAt), new Plain($" (extended by {Durations.Compact(w.EndsAt - w.PlannedEndsAt)})"))));
        }

        if (w.Kind == WindowKind.Emergency)
        {
            fields.Add(new("Emergency reason", Rich.Text(w.Reason ?? string.Empty)));
            fields.Add(new("Approved by", w.ApprovedBy is { } approver && w.ApprovedAt is { } at
                ? Rich.Of(new Mention(approver), new Plain(" at "), new TimeInline(at))
                : Rich.Text("awaiting approval")));
        }

        if (kind is AnnouncementKind.Cancelled && w.CancelledBy is { } by)
        {
            fields.Add(new("Cancelled by", Rich.Of(new Mention(by))));
            fields.Add(new("Reason", Rich.Text(w.CancelReason ?? string.Empty)));
        }

        if (w.ConfirmedBy is { } confirmer && kind is AnnouncementKind.Confirmed or null)
        {
            fields.Add(new("Going ahead despite an active incident", Rich.Of(new Mention(confirmer))));
        }

        return fields;
    }

    /// <summary>Local-time inlines, then the same range in UTC text for logs, e-mail forwards and screen readers.</summary>
    public static Rich When(DateTimeOffset start, DateTimeOffset end) =>
        Rich.Of(new TimeInline(start), new Plain(" to "), new TimeInline(end), new LineBreak(),
            new Plain($"UTC: {start.UtcDateTime:yyyy-MM-dd HH:mm} to {end.UtcDateTime:yyyy-MM-dd HH:mm}"));

    public static IEnumerable<Block> ChecklistBlocks(MaintenanceWindow w)
    {
        var missing = w.Checklist.Missing;
        if (missing.Count == 0)
        {
            yield return new Section(Rich.Text("✅ Pre-flight checklist complete."));
            yield break;
        }

        yield return new Section(Rich.Of(new Bold("⚠️ Pre-flight checklist missing: "), new Plain(string.Join("; ", missing.Select(i => i.Label())) + ".")));
        yield return new Context([Rich.Of(new Plain("Fill in with "), new Code($"/maint checklist {w.Id} <item> <value>"),
            new Plain($" ({string.Join(", ", missing.Select(i => i.Hint()))})"))]);
    }

    private static IEnumerable<Block> IncidentWarning(MaintenanceWindow w, IReadOnlyList<MajorIncident> incidents)
    {
        var text = Rich.Of(new Bold("🚨 Major incident active: "));
        foreach (var incident in incidents)
        {
            text = text.Append(new Plain($"INC-{incident.Number} (SEV{incident.Severity}) "), new Plain(incident.Title), new LineBreak());
        }

        yield return new Section(text.Append(new Mention(w.PlannerId),
            new Plain(", please confirm you are going ahead, or postpone the maintenance until the incident is over.")));
        yield return new Actions(
        [
            new Button("Go ahead", $"/maint confirm {w.Id}", ButtonStyle.Primary),
            new Button("Postpone (cancel)", $"/maint cancel {w.Id} Postponed: a SEV1/SEV2 incident was active at the start", ButtonStyle.Danger),
        ]);
    }

    private static string IncidentList(IReadOnlyList<MajorIncident> incidents) =>
        string.Join(", ", incidents.Select(i => $"INC-{i.Number} (SEV{i.Severity})"));
}
