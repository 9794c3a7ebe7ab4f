using ChatOps.Incidents;
using ChatOps.Timeline;

namespace ChatOps.Postmortems.Drafting;

/// <summary>
/// Finds missed status updates two ways: by replaying the cadence rule (CadencePolicy: the
/// severity's cadence while active, the next lower severity's while mitigated, none once
/// resolved) over the timeline, and from the reminder and escalation entries the bot wrote
/// when an update was overdue. Overlapping findings merge into one gap.
/// </summary>
internal static class UpdateGaps
{
    public static IReadOnlyList<UpdateGap> Find(IReadOnlyList<TimelineEntry> entries, Incident incident, Severity declared, StatusCadenceOptions cadence)
    {
        var gaps = new List<UpdateGap>();
        var severity = declared;
        var status = IncidentStatus.Active;
        var last = incident.DeclaredAt;
        var since = incident.DeclaredAt;
        (DateTimeOffset At, Severity Severity, TimeSpan? Cadence)? pending = null;
        foreach (var e in entries)
        {
            if (e.Kind is not (TimelineKind.Status or TimelineKind.Severity or TimelineKind.Mitigated or TimelineKind.Resolved or TimelineKind.Closed or TimelineKind.Reopened))
            {
                continue;
            }

            var every = Cadence(status, severity, cadence);
            if (pending is null && every is { } step && e.OccurredAt > Max(last + step, since))
            {
                pending = (Max(last + step, since), severity, every);
            }

            switch (e.Kind)
            {
                case TimelineKind.Status:
                    Close(e.OccurredAt);
                    last = e.OccurredAt;
                    break;
                case TimelineKind.Severity when (Severity?)TimelineData.Int(e.Data, "to") is { } to && Enum.IsDefined(to):
                    severity = to;
                    since = e.OccurredAt;
                    break;
                case TimelineKind.Mitigated:
                    status = status == IncidentStatus.Active ? IncidentStatus.Mitigated : status;
                    since = e.OccurredAt;
                    break;
                case TimelineKind.Resolved or TimelineKind.Closed:
                    Close(e.OccurredAt);
                    status = IncidentStatus.Resolved;
                    break;
                case TimelineKind.Reopened:
                    status = IncidentStatus.Active;
                    last = since = e.OccurredAt;
                    break;
            }
        }

        return WithNudges(gaps, entries);

        void Close(DateTimeOffset at)
        {
            if (pending is { } p)
            {
                gaps.Add(new UpdateGap(p.At, at, p.Severity, p.Cadence, 0, 0));
                pending = null;
            }
        }
    }

    /// <summary>Reminders and escalations count inside the gap they fall in, or open one of their own.</summary>
    private static List<UpdateGap> WithNudges(List<UpdateGap> gaps, IReadOnlyList<TimelineEntry> entries)
    {
        var ends = entries.Where(e => e.Kind is TimelineKind.Status or TimelineKind.Resolved or TimelineKind.Closed).Select(e => e.OccurredAt).ToList();
        foreach (var nudge in entries.Where(e => e.Kind is TimelineKind.Reminder or TimelineKind.Escalation))
        {
            var at = nudge.OccurredAt;
            var index = gaps.FindIndex(g => g.DueAt <= at && at <= g.EndedAt);
            if (index < 0)
            {
                var due = TimelineData.Instant(nudge.Data, "dueAt") is { } d && d <= at ? d : at;
                var end = ends.FirstOrDefault(t => t >= at);
                gaps.Add(new UpdateGap(due, end == default ? at : end, null, null, 0, 0));
                gaps = Merge(gaps);
                index = gaps.FindIndex(g => g.DueAt <= at && at <= g.EndedAt);
            }

            var gap = gaps[index];
            gaps[index] = nudge.Kind == TimelineKind.Reminder ? gap with { Reminders = gap.Reminders + 1 } : gap with { Escalations = gap.Escalations + 1 };
        }

        return gaps;
    }

    private static List<UpdateGap> Merge(List<UpdateGap> gaps)
    {
        var merged = new List<UpdateGap>();
        foreach (var g in gaps.OrderBy(g => g.DueAt).ThenBy(g => g.EndedAt))
        {
            if (merged.Count > 0 && g.DueAt <= merged[^1].EndedAt)
            {
                var prev = merged[^1];
                // A cadence finding knows its severity and cadence; a nudge-only one does not.
                var known = prev.Cadence is null ? g : prev;
                merged[^1] = prev with
                {
                    EndedAt = Max(prev.EndedAt, g.EndedAt),
                    Severity = known.Severity,
                    Cadence = known.Cadence,
                    Reminders = prev.Reminders + g.Reminders,
                    Escalations = prev.Escalations + g.Escalations,
                };
            }
            else
            {
                merged.Add(g);
            }
        }

        return merged;
    }

    private static TimeSpan? Cadence(IncidentStatus status, Severity severity, StatusCadenceOptions cadence) => status switch
    {
        IncidentStatus.Active => cadence.For(severity),
        IncidentStatus.Mitigated => severity == Severity.Sev4 ? null : cadence.For(severity + 1),
        _ => null,
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
