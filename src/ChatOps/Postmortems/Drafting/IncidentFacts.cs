using ChatOps.Incidents;
using ChatOps.Timeline;

namespace ChatOps.Postmortems.Drafting;

/// <summary>A stretch when a status update was owed and none came.</summary>
public sealed record UpdateGap(DateTimeOffset DueAt, DateTimeOffset EndedAt, Severity? Severity, TimeSpan? Cadence, int Reminders, int Escalations)
{
    public TimeSpan Overdue => EndedAt - DueAt;
}

/// <summary>The measured facts of an incident, computed once from its timeline for every section.</summary>
public sealed record IncidentFacts
{
    public required IReadOnlyList<TimelineEntry> Entries { get; init; }
    public Severity DeclaredSeverity { get; init; }
    public Severity PeakSeverity { get; init; }
    public DateTimeOffset? FirstResponseAt { get; init; }
    public DateTimeOffset? MitigatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public TimeSpan Downtime { get; init; }
    public int StatusUpdates { get; init; }
    public int Reminders { get; init; }
    public int Escalations { get; init; }
    public int Reopens { get; init; }
    public required IReadOnlyList<UpdateGap> Gaps { get; init; }
    public required SlaResult Sla { get; init; }

    public TimeSpan MissedTotal => Gaps.Aggregate(TimeSpan.Zero, (sum, g) => sum + g.Overdue);

    public static IncidentFacts Of(DraftInput input)
    {
        var i = input.Incident;
        var entries = input.Timeline.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToList();
        var declared = entries.FirstOrDefault(e => e.Kind == TimelineKind.Declared);
        var declaredSeverity = (Severity?)TimelineData.Int(declared?.Data, "severity") is { } s && Enum.IsDefined(s) ? s : i.Severity;
        var peak = declaredSeverity;
        var downtime = TimeSpan.Zero;
        DateTimeOffset? impactStart = i.DeclaredAt;
        DateTimeOffset? firstResponse = null;
        DateTimeOffset? mitigated = null;
        DateTimeOffset? resolved = null;
        int statuses = 0, reminders = 0, escalations = 0, reopens = 0;
        foreach (var e in entries)
        {
            switch (e.Kind)
            {
                case TimelineKind.Severity when (Severity?)TimelineData.Int(e.Data, "to") is { } to && Enum.IsDefined(to):
                    peak = to < peak ? to : peak;
                    break;
                case TimelineKind.Status:
                    statuses++;
                    break;
                case TimelineKind.Reminder:
                    reminders++;
                    break;
                case TimelineKind.Escalation:
                    escalations++;
                    break;
                case TimelineKind.Reopened:
                    reopens++;
                    impactStart ??= e.OccurredAt;
                    break;
                case TimelineKind.Mitigated or TimelineKind.Resolved or TimelineKind.Closed:
                    if (e.Kind == TimelineKind.Mitigated)
                    {
                        mitigated ??= e.OccurredAt;
                    }

                    if (e.Kind == TimelineKind.Resolved)
                    {
                        resolved = e.OccurredAt;
                    }

                    if (impactStart is { } start)
                    {
                        downtime += e.OccurredAt > start ? e.OccurredAt - start : TimeSpan.Zero;
                        impactStart = null;
                    }

                    break;
            }

            if (firstResponse is null && e.OccurredAt >= i.DeclaredAt && IsResponse(e))
            {
                firstResponse = e.OccurredAt;
            }
        }

        var end = i.ResolvedAt ?? resolved ?? i.ClosedAt;
        if (impactStart is { } open && end is { } stop && stop > open)
        {
            downtime += stop - open;
        }

        return new IncidentFacts
        {
            Entries = entries,
            DeclaredSeverity = declaredSeverity,
            PeakSeverity = peak < i.Severity ? peak : i.Severity,
            FirstResponseAt = firstResponse,
            MitigatedAt = mitigated ?? i.MitigatedAt,
            ResolvedAt = i.ResolvedAt ?? resolved,
            Downtime = downtime,
            StatusUpdates = statuses,
            Reminders = reminders,
            Escalations = escalations,
            Reopens = reopens,
            Gaps = UpdateGaps.Find(entries, i, declaredSeverity, input.Settings.Cadence),
            Sla = SlaResult.Of(i.DeclaredAt, downtime, input.Settings.AvailabilityTarget),
        };
    }

    /// <summary>Someone other than the bot did something: a message, an update, a note, a run, a change.</summary>
    private static bool IsResponse(TimelineEntry e) =>
        e.AuthorId is not null && !e.IsDeleted && e.Kind is TimelineKind.Message or TimelineKind.Status or TimelineKind.Note
            or TimelineKind.Diagnostics or TimelineKind.Role or TimelineKind.Severity or TimelineKind.Mitigated or TimelineKind.Action;
}
