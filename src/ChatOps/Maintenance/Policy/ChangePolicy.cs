using ChatOps.Maintenance.Parsing;

namespace ChatOps.Maintenance.Policy;

/// <summary>
/// Who may change a window and when. Approval is by an approver who is not the requester;
/// cancel, extend, confirm and the checklist are for the planner and the approvers.
/// </summary>
public static class ChangePolicy
{
    public static PolicyDecision Approve(MaintenanceWindow window, string userId, IReadOnlyCollection<string> approvers, DateTimeOffset now)
    {
        if (window.Status == WindowStatus.Cancelled)
        {
            return PolicyDecision.Refuse(Refusal.Cancelled, $"{window.Label} was cancelled, so there is nothing to approve.");
        }

        if (window.Status != WindowStatus.Pending)
        {
            return PolicyDecision.Refuse(Refusal.NotPending, window.ApprovedBy is null
                ? $"{window.Label} is a planned window with full notice; it needs no approval."
                : $"{window.Label} is already approved.");
        }

        if (string.Equals(userId, window.PlannerId, StringComparison.Ordinal))
        {
            return PolicyDecision.Refuse(Refusal.SelfApproval,
                $"You requested {window.Label}, so you cannot approve it yourself: another approver has to.");
        }

        if (approvers.Count == 0)
        {
            return PolicyDecision.Refuse(Refusal.NoApprovers, "No approvers are configured (Maintenance:Approvers), so emergency windows cannot be approved.");
        }

        if (!approvers.Contains(userId, StringComparer.Ordinal))
        {
            return PolicyDecision.Refuse(Refusal.NotAllowed, $"Only the maintenance approvers can approve {window.Label}.");
        }

        return now >= window.EndsAt
            ? PolicyDecision.Refuse(Refusal.Over, $"{window.Label} was due to end at {SchedulePolicy.Utc(window.EndsAt)}; schedule a new window instead.")
            : PolicyDecision.Allow;
    }

    /// <summary>Cancel, extend, confirm, checklist: the planner or an approver, on a window that is not over.</summary>
    public static PolicyDecision Change(MaintenanceWindow window, string userId, IReadOnlyCollection<string> approvers, DateTimeOffset now)
    {
        if (!string.Equals(userId, window.PlannerId, StringComparison.Ordinal) && !approvers.Contains(userId, StringComparer.Ordinal))
        {
            return PolicyDecision.Refuse(Refusal.NotAllowed, $"Only the planner of {window.Label} or a maintenance approver can change it.");
        }

        if (window.Status == WindowStatus.Cancelled)
        {
            return PolicyDecision.Refuse(Refusal.Cancelled, $"{window.Label} was cancelled.");
        }

        return now >= window.EndsAt
            ? PolicyDecision.Refuse(Refusal.Over, $"{window.Label} already ended at {SchedulePolicy.Utc(window.EndsAt)}.")
            : PolicyDecision.Allow;
    }

    /// <summary>
    /// Moving the end by <paramref name="by"/>. Before the start it is a plan change and obeys the
    /// duration limit and the overlap rule; while running it is an overrun, which is reality: it
    /// is accepted and an overlap is only reported.
    /// </summary>
    public static PolicyDecision Extend(MaintenanceWindow window, TimeSpan by, string userId, IReadOnlyCollection<string> approvers,
        DateTimeOffset now, MaintenanceRules rules, IEnumerable<MaintenanceWindow> others)
    {
        var change = Change(window, userId, approvers, now);
        if (!change.Allowed)
        {
            return change;
        }

        if (by <= TimeSpan.Zero)
        {
            return PolicyDecision.Refuse(Refusal.DurationNotPositive, $"An extension must be longer than zero (for example {Durations.Examples}).");
        }

        if (by > rules.MaximumDuration)
        {
            return PolicyDecision.Refuse(Refusal.DurationTooLong, $"One extension may be at most {Durations.Compact(rules.MaximumDuration)} (Maintenance:MaximumDuration).");
        }

        var newEnd = window.EndsAt + by;
        var running = now >= window.StartsAt;
        if (!running && newEnd - window.StartsAt > rules.MaximumDuration)
        {
            return PolicyDecision.Refuse(Refusal.DurationTooLong,
                $"{window.Label} would last {Durations.Compact(newEnd - window.StartsAt)}, more than the {Durations.Compact(rules.MaximumDuration)} allowed (Maintenance:MaximumDuration).");
        }

        var conflict = SchedulePolicy.FindOverlap(window.StartsAt, newEnd, window.Scope, window.Id, others);
        if (conflict is null)
        {
            return PolicyDecision.Allow;
        }

        return running
            ? new PolicyDecision(Refusal.None, SchedulePolicy.OverlapText(conflict), Conflict: conflict)
            : new PolicyDecision(Refusal.Overlap, SchedulePolicy.OverlapText(conflict), Conflict: conflict);
    }

    /// <summary>Going ahead despite an active SEV1/SEV2 incident: only once the window has started.</summary>
    public static PolicyDecision Confirm(MaintenanceWindow window, string userId, IReadOnlyCollection<string> approvers, DateTimeOffset now)
    {
        var change = Change(window, userId, approvers, now);
        if (!change.Allowed)
        {
            return change;
        }

        if (window.PhaseAt(now) != WindowPhase.InProgress)
        {
            return PolicyDecision.Refuse(Refusal.NotRunning,
                $"{window.Label} is {window.PhaseAt(now).PhaseText()}; confirming is for a window that has started during a major incident.");
        }

        return window.ConfirmedBy is null
            ? PolicyDecision.Allow
            : PolicyDecision.Refuse(Refusal.NotPending, $"{window.Label} was already confirmed.");
    }
}
