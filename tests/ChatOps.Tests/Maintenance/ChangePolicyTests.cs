using ChatOps.Maintenance;
using ChatOps.Maintenance.Policy;
using ChatOps.Tests.Infrastructure;

namespace ChatOps.Tests.Maintenance;

public sealed class ChangePolicyTests
{
    private static readonly string[] Approvers = ["U-LEAD", "U-OPS"];
    private static readonly MaintenanceRules Rules = new(TimeSpan.FromDays(5), TimeSpan.FromHours(24));
    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void An_approver_cannot_approve_their_own_emergency()
    {
        var window = Windows.PendingEmergency(Now.AddHours(4), TimeSpan.FromHours(1), planner: "U-LEAD");

        var decision = ChangePolicy.Approve(window, "U-LEAD", Approvers, Now);

        Assert.Equal(Refusal.SelfApproval, decision.Refusal);
        Assert.Contains("cannot approve it yourself", decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_approver_may_approve()
    {
        var window = Windows.PendingEmergency(Now.AddHours(4), TimeSpan.FromHours(1), planner: "U-LEAD");

        Assert.True(ChangePolicy.Approve(window, "U-OPS", Approvers, Now).Allowed);
    }

    [Fact]
    public void Someone_who_is_not_an_approver_may_not()
    {
        var window = Windows.PendingEmergency(Now.AddHours(4), TimeSpan.FromHours(1));

        Assert.Equal(Refusal.NotAllowed, ChangePolicy.Approve(window, "U-DEV", Approvers, Now).Refusal);
        Assert.Equal(Refusal.NoApprovers, ChangePolicy.Approve(window, "U-DEV", [], Now).Refusal);
    }

    [Fact]
    public void Approving_twice_a_planned_window_or_a_cancelled_one_is_refused()
    {
        var pending = Windows.PendingEmergency(Now.AddHours(4), TimeSpan.FromHours(1));
        var approved = pending with { Status = WindowStatus.Scheduled, ApprovedBy = "U-OPS", ApprovedAt = Now };

        Assert.Equal(Refusal.NotPending, ChangePolicy.Approve(approved, "U-OPS", Approvers, Now).Refusal);
        Assert.Equal(Refusal.NotPending, ChangePolicy.Approve(Windows.At(Now.AddDays(6), TimeSpan.FromHours(1)), "U-OPS", Approvers, Now).Refusal);
        Assert.Equal(Refusal.Cancelled, ChangePolicy.Approve(pending with { Status = WindowStatus.Cancelled }, "U-OPS", Approvers, Now).Refusal);
    }

    [Fact]
    public void An_emergency_whose_end_has_passed_can_no_longer_be_approved()
    {
        var window = Windows.PendingEmergency(Now.AddHours(1), TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(Refusal.Over, ChangePolicy.Approve(window, "U-OPS", Approvers, Now).Refusal);
    }

    [Fact]
    public void Only_the_planner_or_an_approver_may_change_a_window()
    {
        var window = Windows.At(Now.AddDays(6), TimeSpan.FromHours(1));

        Assert.True(ChangePolicy.Change(window, "U-PLANNER", Approvers, Now).Allowed);
        Assert.True(ChangePolicy.Change(window, "U-OPS", Approvers, Now).Allowed);
        Assert.Equal(Refusal.NotAllowed, ChangePolicy.Change(window, "U-DEV", Approvers, Now).Refusal);
    }

    [Fact]
    public void Extending_before_the_start_obeys_the_duration_limit_and_the_overlap_rule()
    {
        var window = Windows.At(Now.AddDays(6), TimeSpan.FromHours(20), "prod-eu");
        var next = Windows.At(window.EndsAt.AddHours(1), TimeSpan.FromHours(1), "prod-eu", id: 2);

        Assert.Equal(Refusal.DurationTooLong, ChangePolicy.Extend(window, TimeSpan.FromHours(5), "U-PLANNER", Approvers, Now, Rules, []).Refusal);
        Assert.Equal(Refusal.Overlap, ChangePolicy.Extend(window, TimeSpan.FromHours(2), "U-PLANNER", Approvers, Now, Rules, [next]).Refusal);
        Assert.True(ChangePolicy.Extend(window, TimeSpan.FromMinutes(30), "U-PLANNER", Approvers, Now, Rules, [next]).Allowed);
    }

    [Fact]
    public void An_overrun_is_accepted_and_an_overlap_only_reported()
    {
        var window = Windows.At(Now.AddHours(-20), TimeSpan.FromHours(22), "prod-eu");
        var next = Windows.At(window.EndsAt.AddHours(1), TimeSpan.FromHours(1), "prod-eu", id: 2);

        var decision = ChangePolicy.Extend(window, TimeSpan.FromHours(4), "U-PLANNER", Approvers, Now, Rules, [next]);

        Assert.True(decision.Allowed);
        Assert.Same(next, decision.Conflict);
    }

    [Fact]
    public void A_window_that_ended_cannot_be_extended_or_cancelled()
    {
        var window = Windows.At(Now.AddHours(-3), TimeSpan.FromHours(2));

        Assert.Equal(Refusal.Over, ChangePolicy.Extend(window, TimeSpan.FromHours(1), "U-PLANNER", Approvers, Now, Rules, []).Refusal);
        Assert.Equal(Refusal.Over, ChangePolicy.Change(window, "U-PLANNER", Approvers, Now).Refusal);
    }

    [Fact]
    public void Confirming_is_for_a_running_window_and_only_once()
    {
        var upcoming = Windows.At(Now.AddHours(2), TimeSpan.FromHours(2));
        var running = Windows.At(Now.AddMinutes(-5), TimeSpan.FromHours(2));

        Assert.Equal(Refusal.NotRunning, ChangePolicy.Confirm(upcoming, "U-PLANNER", Approvers, Now).Refusal);
        Assert.True(ChangePolicy.Confirm(running, "U-PLANNER", Approvers, Now).Allowed);
        Assert.Equal(Refusal.NotPending, ChangePolicy.Confirm(running with { ConfirmedBy = "U-PLANNER" }, "U-PLANNER", Approvers, Now).Refusal);
    }
}
