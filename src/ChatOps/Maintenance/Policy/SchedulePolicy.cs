using System.Globalization;
using ChatOps.Maintenance.Parsing;

namespace ChatOps.Maintenance.Policy;

/// <summary>
/// Whether a window may be scheduled: a pure function of the proposal, the clock and the windows
/// already planned. Notice is elapsed time (a 5-day rule across a daylight-saving change is
/// still 120 hours), so the refusal names the earliest start that satisfies it.
/// </summary>
public static class SchedulePolicy
{
    public static PolicyDecision Evaluate(WindowProposal proposal, DateTimeOffset now, MaintenanceRules rules, IEnumerable<MaintenanceWindow> others)
    {
        if (proposal.Duration <= TimeSpan.Zero)
        {
            return PolicyDecision.Refuse(Refusal.DurationNotPositive, $"A window must last longer than zero (for example {Durations.Examples}).");
        }

        if (proposal.Duration > rules.MaximumDuration)
        {
            return PolicyDecision.Refuse(Refusal.DurationTooLong,
                $"A window may last at most {Durations.Compact(rules.MaximumDuration)} (Maintenance:MaximumDuration), and {Durations.Compact(proposal.Duration)} is longer. Split the work into several windows.");
        }

        if (proposal.Start <= now)
        {
            return PolicyDecision.Refuse(Refusal.StartInPast, $"The start {Utc(proposal.Start)} is in the past (it is now {Utc(now)}).");
        }

        var lead = proposal.Start - now;
        if (proposal.Kind == WindowKind.Planned && lead < rules.MinimumNotice)
        {
            var earliest = CeilingToMinute(now + rules.MinimumNotice);
            return new PolicyDecision(
                Refusal.NoticeTooShort,
                $"Maintenance must be announced at least {Durations.Words(rules.MinimumNotice)} ahead (the {Durations.Words(rules.MinimumNotice)} notice rule, " +
                $"Maintenance:MinimumNotice), so product teams can prepare; this start is only {Durations.Words(FloorToHour(lead))} away. " +
                $"The earliest allowed start is {Utc(earliest)}. For urgent work use /maint emergency with --reason, which needs an approver.",
                EarliestStart: earliest);
        }

        return FindOverlap(proposal.Start, proposal.End, proposal.Scope, null, others) is { } conflict
            ? new PolicyDecision(Refusal.Overlap, OverlapText(conflict), Conflict: conflict)
            : PolicyDecision.Allow;
    }

    /// <summary>The earliest-starting window (not cancelled, not <paramref name="except"/>) that shares the scope and the time.</summary>
    public static MaintenanceWindow? FindOverlap(DateTimeOffset start, DateTimeOffset end, string? scope, long? except, IEnumerable<MaintenanceWindow> others) =>
        others
            .Where(o => o.Status != WindowStatus.Cancelled && o.Id != except)
            .Where(o => o.StartsAt < end && start < o.EndsAt && Scopes.Shared(scope, o.Scope))
            .OrderBy(o => o.StartsAt)
            .ThenBy(o => o.Id)
            .FirstOrDefault();

    public static string OverlapText(MaintenanceWindow other) =>
        $"It overlaps {other.Label} \"{other.Title}\" ({Utc(other.StartsAt)} to {Utc(other.EndsAt)}, scope {Scopes.Describe(other.Scope)}).";

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static DateTimeOffset CeilingToMinute(DateTimeOffset at)
    {
        var remainder = at.UtcTicks % TimeSpan.TicksPerMinute;
        return remainder == 0 ? at.ToUniversalTime() : new DateTimeOffset(at.UtcTicks - remainder + TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private static TimeSpan FloorToHour(TimeSpan span) =>
        span < TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(Math.Floor(span.TotalMinutes)) : TimeSpan.FromHours(Math.Floor(span.TotalHours));
}
