using System.Text;
using ChatOps.Incidents;
using static ChatOps.Postmortems.Drafting.DraftFormat;

namespace ChatOps.Postmortems.Drafting;

/// <summary>
/// Incident + timeline -> a blameless postmortem draft in Markdown. Pure and deterministic: no
/// clock, no culture, no I/O, "\n" line ends, so the same input gives the same bytes (golden
/// files hold it to that). User text goes through <see cref="MarkdownText"/> only.
/// </summary>
public static class PostmortemDrafter
{
    public static string Draft(DraftInput input) => Draft(input, IncidentFacts.Of(input));

    public static string Draft(DraftInput input, IncidentFacts facts)
    {
        var sb = new StringBuilder(4096 + (input.Timeline.Count * 160));
        Metadata(sb, input, facts);
        Summary(sb, input, facts);
        Impact(sb, facts);
        Metrics(sb, input.Incident, facts);
        DraftTimeline.KeyEvents(sb, facts, input.Revisions);
        DraftTimeline.Diagnostics(sb, facts);
        DraftPrompts.ContributingFactors(sb, input.Incident, facts);
        DraftPrompts.FiveWhys(sb, input.Incident);
        DraftPrompts.Reflection(sb, facts);
        DraftPrompts.ActionItems(sb, input.Actions);
        DraftTimeline.Transcript(sb, facts, input.Revisions);
        return sb.ToString();
    }

    private static void Metadata(StringBuilder sb, DraftInput input, IncidentFacts facts)
    {
        var i = input.Incident;
        sb.Append("# Postmortem: ").Append(i.Label).Append(" · ").AppendEscaped(i.Title).Append("\n\n");
        sb.Append("*Draft version ").Append(input.Version)
            .Append(", written by ChatOps from the incident timeline. This review is blameless: it asks what in the system and the process allowed this to happen, not who is at fault. Replace every prompt in italics.*\n\n");
        sb.Header("Field", "Value");
        sb.Row("Incident", i.Label);
        sb.Row("Title", MarkdownText.Escape(i.Title));
        sb.Row("Severity", $"{IncidentMessages.SeverityLabel(i.Severity)} (declared {IncidentMessages.SeverityLabel(facts.DeclaredSeverity)}, highest {IncidentMessages.SeverityLabel(facts.PeakSeverity)})");
        sb.Row("Status", i.Status.ToString());
        sb.Row(IncidentRole.Commander.Label(), Person(i.CommanderId));
        foreach (var role in new[] { IncidentRole.Comms, IncidentRole.Ops, IncidentRole.Scribe })
        {
            var holder = input.Roles.Where(r => r.Role == role).OrderBy(r => r.AssignedAt).LastOrDefault();
            sb.Row(role.Label(), holder is null ? "—" : Person(holder.UserId));
        }

        sb.Row("Declared", $"{Utc(i.DeclaredAt)} by {Person(i.DeclaredBy)}");
        sb.Row("Mitigated", Utc(facts.MitigatedAt));
        sb.Row("Resolved", Utc(facts.ResolvedAt));
        sb.Row("Closed", Utc(i.ClosedAt));
        sb.Row("Duration", facts.ResolvedAt is { } r ? $"{Duration(r - i.DeclaredAt)} (declared to resolved)" : "—");
        if (i.ChannelName is { Length: > 0 } channel)
        {
            sb.Row("Channel", "#" + MarkdownText.Escape(channel));
        }

        sb.Append('\n');
    }

    private static void Summary(StringBuilder sb, DraftInput input, IncidentFacts facts)
    {
        var i = input.Incident;
        sb.Append("## Summary\n\n");
        sb.Append(i.Label).Append(" (").Append(IncidentMessages.SeverityLabel(facts.PeakSeverity)).Append(") was declared at ")
            .Append(Utc(i.DeclaredAt)).Append(" by ").AppendPerson(i.DeclaredBy).Append(": ").AppendEscaped(i.Title).Append('.');
        if (facts.MitigatedAt is { } m)
        {
            sb.Append(" Impact was contained after ").Append(Duration(m - i.DeclaredAt)).Append(" (mitigated at ").Append(Utc(m)).Append(").");
        }

        if (facts.ResolvedAt is { } r)
        {
            sb.Append(" It was resolved after ").Append(Duration(r - i.DeclaredAt)).Append(" at ").Append(Utc(r));
            sb.Append(i.ClosedAt is { } c ? $" and closed at {Utc(c)}." : ".");
        }

        sb.Append(' ').Append(Plural(facts.StatusUpdates, "status update was", "status updates were")).Append(" posted");
        var last = facts.Entries.LastOrDefault(e => e.Kind == Timeline.TimelineKind.Status && !e.IsDeleted);
        if (last is not null)
        {
            sb.Append("; the last one said: “").AppendEscaped(last.Text).Append('”');
        }

        sb.Append('.');
        if (facts.Reopens > 0)
        {
            sb.Append(" It was reopened ").Append(Plural(facts.Reopens, "time", "times")).Append('.');
        }

        sb.Append("\n\n*What happened, in two or three sentences for someone who was not there?*\n\n");
    }

    private static void Impact(StringBuilder sb, IncidentFacts facts)
    {
        var sla = facts.Sla;
        sb.Append("## Impact\n\n");
        sb.Append("- **Duration of impact:** ").Append(Duration(facts.Downtime))
            .Append(" (from the declaration until mitigation, or resolution when it was never marked mitigated; reopened periods included).\n");
        sb.Append("- **Customer impact:** *Who was affected, how many, and how did they notice? Which services, regions and error rates? Was any data lost?*\n\n");
        sb.Append("### SLA\n\n");
        sb.Header("Measure", "Value");
        sb.Row("Monthly availability target", Percent(sla.Target, 0));
        sb.Row($"Allowed downtime in {sla.MonthStart.UtcDateTime.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} ({(int)sla.MonthLength.TotalDays} days)", Duration(sla.Allowed));
        sb.Row("Downtime from this incident", Duration(sla.Downtime));
        sb.Row("Achieved availability (this incident alone)", Percent(sla.Achieved, 3));
        sb.Row("SLA breached", sla.Breached ? "**yes**" : "no");
        sb.Append("\n*Counted as downtime: the impact duration above. Correct it if the service was degraded rather than down, and add other incidents of the same month.*\n\n");
    }

    private static void Metrics(StringBuilder sb, Incident i, IncidentFacts facts)
    {
        sb.Append("## Key metrics\n\n");
        sb.Header("Metric", "Value");
        sb.Row("Time to first response", Since(i.DeclaredAt, facts.FirstResponseAt));
        sb.Row("Time to mitigate", Since(i.DeclaredAt, facts.MitigatedAt));
        sb.Row("Time to resolve", Since(i.DeclaredAt, facts.ResolvedAt));
        sb.Row("Status updates", Number(facts.StatusUpdates));
        sb.Row("Missed-update gaps", facts.Gaps.Count == 0 ? "0" : $"{facts.Gaps.Count} (overdue {Duration(facts.MissedTotal)} in total, longest {Duration(facts.Gaps.Max(g => g.Overdue))})");
        sb.Row("Reminders / escalations sent", $"{Number(facts.Reminders)} / {Number(facts.Escalations)}");
        sb.Append('\n');
        if (facts.Gaps.Count == 0)
        {
            sb.Append("No status update was overdue.\n\n");
            return;
        }

        sb.Append("### Missed-update gaps\n\n");
        sb.Header("Update due (UTC)", "Next update or resolution (UTC)", "Overdue by", "Cadence", "Reminders", "Escalations");
        foreach (var g in facts.Gaps)
        {
            var cadence = g.Cadence is { } every && g.Severity is { } s ? $"every {Duration(every)} ({IncidentMessages.SeverityLabel(s)})" : "from reminders";
            sb.Row(Clock(g.DueAt), Clock(g.EndedAt), Duration(g.Overdue), cadence, Number(g.Reminders), Number(g.Escalations));
        }

        sb.Append('\n');
    }

    internal static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
