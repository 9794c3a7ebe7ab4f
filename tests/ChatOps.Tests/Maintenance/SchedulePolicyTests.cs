using ChatOps.Maintenance;
using ChatOps.Maintenance.Policy;
using ChatOps.Tests.Infrastructure;

namespace ChatOps.Tests.Maintenance;

public sealed class SchedulePolicyTests
{
    private static readonly MaintenanceRules Rules = new(TimeSpan.FromDays(5), TimeSpan.FromHours(24));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 30, TimeSpan.Zero));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private PolicyDecision Evaluate(DateTimeOffset start, TimeSpan duration, string? scope = null, WindowKind kind = WindowKind.Planned,
        params MaintenanceWindow[] others) =>
        SchedulePolicy.Evaluate(new WindowProposal(start, duration, scope, kind), Now, Rules, others);

    [Fact]
    public void A_window_three_days_out_is_refused_quoting_the_five_day_rule_and_the_earliest_start()
    {
        var decision = Evaluate(Now.AddDays(3), TimeSpan.FromHours(2));

        Assert.Equal(Refusal.NoticeTooShort, decision.Refusal);
        Assert.Contains("5 days", decision.Problem, StringComparison.Ordinal);
        Assert.Contains("only 3 days away", decision.Problem, StringComparison.Ordinal);
        // Now is 09:00:30, so the earliest whole minute five days on is 09:01.
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 9, 1, 0, TimeSpan.Zero), decision.EarliestStart);
        Assert.Contains("2026-03-07 09:01 UTC", decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_six_days_out_is_allowed()
    {
        Assert.True(Evaluate(Now.AddDays(6), TimeSpan.FromHours(2)).Allowed);
    }

    [Fact]
    public void Exactly_the_minimum_notice_is_enough_and_one_second_less_is_not()
    {
        Assert.True(Evaluate(Now + Rules.MinimumNotice, TimeSpan.FromHours(1)).Allowed);
        Assert.Equal(Refusal.NoticeTooShort, Evaluate(Now + Rules.MinimumNotice - TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)).Refusal);
    }

    [Fact]
    public void The_notice_follows_the_clock()
    {
        var start = Now.AddDays(6);
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(Refusal.NoticeTooShort, Evaluate(start, TimeSpan.FromHours(1)).Refusal);
    }

    [Fact]
    public void Notice_is_elapsed_time_so_the_same_wall_clock_five_days_later_across_spring_forward_is_an_hour_short()
    {
        // 2026-03-25 10:00 in Berlin is 09:00Z (CET); 2026-03-30 10:00 is 08:00Z (CEST): 119 hours.
        _clock.Set(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));
        var start = new DateTimeOffset(2026, 3, 30, 10, 0, 0, TimeSpan.FromHours(2));

        var decision = Evaluate(start, TimeSpan.FromHours(1));

        Assert.Equal(Refusal.NoticeTooShort, decision.Refusal);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero), decision.EarliestStart);
    }

    [Fact]
    public void Across_fall_back_the_same_wall_clock_five_days_later_is_an_hour_more_than_enough()
    {
        // 2026-10-22 10:00 in Berlin is 08:00Z (CEST); 2026-10-27 10:00 is 09:00Z (CET): 121 hours.
        _clock.Set(new DateTimeOffset(2026, 10, 22, 8, 0, 0, TimeSpan.Zero));

        Assert.True(Evaluate(new DateTimeOffset(2026, 10, 27, 10, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(1)).Allowed);
    }

    [Fact]
    public void A_start_in_the_past_is_refused_even_for_an_emergency()
    {
        var decision = Evaluate(Now.AddMinutes(-5), TimeSpan.FromHours(1), kind: WindowKind.Emergency);

        Assert.Equal(Refusal.StartInPast, decision.Refusal);
        Assert.Contains("in the past", decision.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void A_zero_or_negative_duration_is_refused(int minutes)
    {
        Assert.Equal(Refusal.DurationNotPositive, Evaluate(Now.AddDays(6), TimeSpan.FromMinutes(minutes)).Refusal);
    }

    [Fact]
    public void A_duration_over_the_limit_is_refused_and_the_limit_named()
    {
        var decision = Evaluate(Now.AddDays(6), TimeSpan.FromHours(25));

        Assert.Equal(Refusal.DurationTooLong, decision.Refusal);
        Assert.Contains("at most 24h", decision.Problem, StringComparison.Ordinal);
        Assert.Contains("Maintenance:MaximumDuration", decision.Problem, StringComparison.Ordinal);
        Assert.True(Evaluate(Now.AddDays(6), TimeSpan.FromHours(24)).Allowed);
    }

    [Fact]
    public void An_emergency_inside_the_notice_period_is_allowed_to_wait_for_approval()
    {
        Assert.True(Evaluate(Now.AddHours(3), TimeSpan.FromHours(1), kind: WindowKind.Emergency).Allowed);
    }

    [Fact]
    public void An_overlap_in_the_same_scope_is_refused_and_the_other_window_named()
    {
        var start = Now.AddDays(7);
        var other = Windows.At(start.AddHours(1), TimeSpan.FromHours(2), "prod-eu", id: 3) with { Title = "Kernel patching" };

        var decision = Evaluate(start, TimeSpan.FromHours(2), "PROD-EU ,payments", others: other);

        Assert.Equal(Refusal.Overlap, decision.Refusal);
        Assert.Same(other, decision.Conflict);
        Assert.Contains("MW-3 \"Kernel patching\"", decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_in_other_scopes_touching_windows_and_cancelled_windows_do_not_conflict()
    {
        var start = Now.AddDays(7);
        var otherScope = Windows.At(start, TimeSpan.FromHours(2), "prod-us", id: 2);
        var before = Windows.At(start.AddHours(-2), TimeSpan.FromHours(2), "prod-eu", id: 3);
        var cancelled = Windows.At(start, TimeSpan.FromHours(2), "prod-eu", id: 4) with { Status = WindowStatus.Cancelled };

        Assert.True(Evaluate(start, TimeSpan.FromHours(2), "prod-eu", others: [otherScope, before, cancelled]).Allowed);
    }

    [Fact]
    public void Windows_without_a_scope_conflict_with_each_other_but_not_with_scoped_ones()
    {
        var start = Now.AddDays(7);
        var unscoped = Windows.At(start, TimeSpan.FromHours(2), null, id: 5);

        Assert.Equal(Refusal.Overlap, Evaluate(start.AddHours(1), TimeSpan.FromHours(2), others: unscoped).Refusal);
        Assert.True(Evaluate(start.AddHours(1), TimeSpan.FromHours(2), "prod-eu", others: unscoped).Allowed);
    }

    [Fact]
    public void A_pending_emergency_blocks_its_slot_too()
    {
        var start = Now.AddDays(7);
        var pending = Windows.PendingEmergency(start, TimeSpan.FromHours(1));

        Assert.Equal(Refusal.Overlap, Evaluate(start, TimeSpan.FromMinutes(30), others: pending).Refusal);
    }
}
