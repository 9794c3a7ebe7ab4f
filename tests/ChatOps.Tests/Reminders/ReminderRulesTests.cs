using ChatOps.Incidents;
using ChatOps.Reminders;
using ChatOps.Tests.Infrastructure;

namespace ChatOps.Tests.Reminders;

/// <summary>What is due when, walked through with a fake clock: cadence, grace, snooze, severity, mitigation, resolution.</summary>
public sealed class ReminderRulesTests
{
    private static readonly DateTimeOffset Declared = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Declared);
    private readonly IncidentsOptions _options = new();

    [Fact]
    public void A_declared_SEV1_is_reminded_at_15_minutes_and_overdue_at_half_a_cadence_later()
    {
        var incident = Incident(Severity.Sev1);

        _clock.Advance(TimeSpan.FromMinutes(14.9));
        var before = Plan(incident);
        _clock.Set(Declared.AddMinutes(15));
        var due = Plan(incident);
        _clock.Set(Declared.AddMinutes(22.5));
        var overdue = Plan(incident);

        Assert.Empty(before.Due);
        Assert.Equal(Declared.AddMinutes(15), before.NextAt);
        var reminder = Assert.Single(due.Due);
        Assert.Equal(ReminderKind.Reminder, reminder.Kind);
        Assert.Equal(Declared.AddMinutes(15), reminder.DueAt);
        Assert.Equal(Declared.AddMinutes(22.5), due.OverdueAt);
        Assert.Equal(Declared.AddMinutes(22.5), due.NextAt);
        Assert.Equal([ReminderKind.Reminder, ReminderKind.Escalation], overdue.Due.Select(d => d.Kind));
        Assert.Equal(reminder.Key, overdue.Due[0].Key);
    }

    [Fact]
    public void A_configured_grace_replaces_half_the_cadence()
    {
        _options.Reminders.Grace = TimeSpan.FromMinutes(2);

        _clock.Set(Declared.AddMinutes(17));

        Assert.Contains(Plan(Incident(Severity.Sev1)).Due, d => d.Kind == ReminderKind.Escalation && d.Attempt == 0);
    }

    [Fact]
    public void A_status_update_silences_reminders_until_a_new_cadence_has_elapsed()
    {
        var updated = Incident(Severity.Sev1) with { LastStatusAt = Declared.AddMinutes(10) };

        _clock.Set(Declared.AddMinutes(24));
        var quiet = Plan(updated);
        _clock.Set(Declared.AddMinutes(25));
        var due = Plan(updated);

        Assert.Empty(quiet.Due);
        Assert.Equal(Declared.AddMinutes(25), quiet.UpdateDue);
        Assert.Equal(Declared.AddMinutes(25), Assert.Single(due.Due).DueAt);
    }

    [Fact]
    public void A_snooze_moves_the_due_instant_so_the_next_reminder_is_a_new_one_and_the_shown_due_agrees()
    {
        var incident = Incident(Severity.Sev1);
        _clock.Set(Declared.AddMinutes(15));
        var first = Assert.Single(Plan(incident).Due);

        var snoozed = incident with { SnoozedUntil = Declared.AddMinutes(26) };
        _clock.Set(Declared.AddMinutes(25));
        var held = Plan(snoozed);
        _clock.Set(Declared.AddMinutes(26));
        var again = Plan(snoozed);

        Assert.Empty(held.Due);
        Assert.Equal(Declared.AddMinutes(26), held.UpdateDue);
        Assert.Equal(CadencePolicy.NextUpdateDue(snoozed, _options.StatusCadence), held.UpdateDue);
        var second = Assert.Single(again.Due);
        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(Declared.AddMinutes(26 + 7.5), again.OverdueAt);
    }

    [Fact]
    public void A_snooze_shorter_than_the_cadence_changes_nothing()
    {
        var snoozed = Incident(Severity.Sev1) with { SnoozedUntil = Declared.AddMinutes(5) };

        Assert.Equal(Declared.AddMinutes(15), Plan(snoozed).UpdateDue);
    }

    [Fact]
    public void Raising_the_severity_re_plans_from_the_change_with_the_new_cadence()
    {
        var sev3 = Incident(Severity.Sev3);
        _clock.Set(Declared.AddMinutes(50));
        var raised = sev3 with { Severity = Severity.Sev1, SeverityChangedAt = Declared.AddMinutes(50) };

        var plan = Plan(raised);

        // Not "15 minutes after the declaration", which would be 35 minutes overdue at once. Only
        // the checkpoint for a SEV1 still unmitigated after 45 minutes is due.
        Assert.Equal(ReminderKind.Checkpoint, Assert.Single(plan.Due).Kind);
        Assert.Equal(Declared.AddMinutes(65), plan.UpdateDue);
        Assert.Equal(plan.UpdateDue, CadencePolicy.NextUpdateDue(raised, _options.StatusCadence));
    }

    [Fact]
    public void Lowering_the_severity_re_plans_from_the_change_with_the_slower_cadence()
    {
        var lowered = Incident(Severity.Sev1) with { Severity = Severity.Sev3, SeverityChangedAt = Declared.AddMinutes(10) };
        _clock.Set(Declared.AddMinutes(20));

        var plan = Plan(lowered);

        Assert.Empty(plan.Due);
        Assert.Equal(Declared.AddMinutes(70), plan.UpdateDue);
    }

    [Fact]
    public void An_update_after_a_severity_change_restarts_the_clock_from_the_update()
    {
        var incident = Incident(Severity.Sev1) with { SeverityChangedAt = Declared.AddMinutes(10), LastStatusAt = Declared.AddMinutes(20) };

        Assert.Equal(Declared.AddMinutes(35), Plan(incident).UpdateDue);
    }

    [Fact]
    public void Mitigated_relaxes_to_the_next_lower_severity_and_stops_checkpoints()
    {
        var mitigated = Incident(Severity.Sev1) with { Status = IncidentStatus.Mitigated, MitigatedAt = Declared.AddMinutes(10) };
        _clock.Set(Declared.AddMinutes(29));
        var before = Plan(mitigated);
        _clock.Set(Declared.AddMinutes(50));
        var later = Plan(mitigated);

        Assert.Empty(before.Due);
        Assert.Equal(Declared.AddMinutes(30), before.UpdateDue);
        Assert.DoesNotContain(later.Due, d => d.Kind == ReminderKind.Checkpoint);
        Assert.Contains(later.Due, d => d.Kind == ReminderKind.Reminder);
    }

    [Fact]
    public void A_mitigated_SEV3_relaxes_to_SEV4_which_has_no_cadence_by_default()
    {
        _clock.Set(Declared.AddDays(1));

        var plan = Plan(Incident(Severity.Sev3) with { Status = IncidentStatus.Mitigated });

        Assert.Empty(plan.Due);
        Assert.Null(plan.UpdateDue);
        Assert.Null(plan.NextAt);
    }

    [Theory]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Closed)]
    public void Resolving_stops_everything(IncidentStatus status)
    {
        _clock.Set(Declared.AddHours(3));

        var plan = Plan(Incident(Severity.Sev1) with { Status = status });

        Assert.Empty(plan.Due);
        Assert.Null(plan.UpdateDue);
        Assert.Null(plan.NextAt);
    }

    [Fact]
    public void A_shorter_configured_cadence_applies_at_the_next_evaluation()
    {
        _options.StatusCadence.Sev1 = TimeSpan.FromSeconds(5);
        _clock.Set(Declared.AddSeconds(5));

        var plan = Plan(Incident(Severity.Sev1));

        Assert.Equal(Declared.AddSeconds(5), Assert.Single(plan.Due).DueAt);
        Assert.Equal(Declared.AddSeconds(7.5), plan.OverdueAt);
    }

    [Theory]
    [InlineData(22.5, 0)]
    [InlineData(37.4, 0)]
    [InlineData(37.5, 1)]
    [InlineData(67.5, 2)]
    [InlineData(127.5, 3)]
    [InlineData(247.5, 4)]
    [InlineData(487.5, 5)]
    [InlineData(487.5 + 240, 6)]
    public void Repeated_misses_back_off_one_two_four_cadences_up_to_the_ceiling(double minutes, int attempt)
    {
        _clock.Set(Declared.AddMinutes(minutes));

        var escalation = Assert.Single(Plan(Incident(Severity.Sev1)).Due, d => d.Kind == ReminderKind.Escalation);

        Assert.Equal(attempt, escalation.Attempt);
        Assert.EndsWith($":{attempt}", escalation.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_one_escalation_per_cadence_even_when_a_snooze_moved_the_deadline()
    {
        var snoozed = Incident(Severity.Sev1) with { SnoozedUntil = Declared.AddMinutes(24) };
        _clock.Set(Declared.AddMinutes(31.5));
        var lastEscalation = Declared.AddMinutes(22.5);

        var held = Plan(snoozed, lastEscalation);
        _clock.Set(Declared.AddMinutes(37.5));
        var released = Plan(snoozed, lastEscalation);

        Assert.DoesNotContain(held.Due, d => d.Kind == ReminderKind.Escalation);
        Assert.Equal(Declared.AddMinutes(37.5), held.NextAt);
        Assert.Contains(released.Due, d => d.Kind == ReminderKind.Escalation);
    }

    [Fact]
    public void Checkpoints_are_due_for_SEV1_and_SEV2_at_30_and_45_minutes_unmitigated()
    {
        _clock.Set(Declared.AddMinutes(30));
        var at30 = Plan(Incident(Severity.Sev2) with { LastStatusAt = Declared.AddMinutes(29) });
        _clock.Set(Declared.AddMinutes(46));
        var at46 = Plan(Incident(Severity.Sev2) with { LastStatusAt = Declared.AddMinutes(45) });
        var sev3 = Plan(Incident(Severity.Sev3) with { LastStatusAt = Declared.AddMinutes(45) });

        var first = Assert.Single(at30.Due);
        Assert.Equal(ReminderKind.Checkpoint, first.Kind);
        Assert.StartsWith("Recovery failing for 30 minutes", first.Checkpoint!.Text, StringComparison.Ordinal);
        Assert.Equal(Declared.AddMinutes(45), at30.NextAt);
        var second = Assert.Single(at46.Due);
        Assert.StartsWith("Decide: keep repairing", second.Checkpoint!.Text, StringComparison.Ordinal);
        Assert.NotEqual(first.Key, second.Key);
        Assert.Empty(sev3.Due);
    }

    [Fact]
    public void Checkpoints_skipped_while_down_are_not_posted_late_only_the_latest_is()
    {
        _clock.Set(Declared.AddMinutes(50));

        var checkpoints = Plan(Incident(Severity.Sev1)).Due.Where(d => d.Kind == ReminderKind.Checkpoint).ToList();

        Assert.Equal(Declared.AddMinutes(45), Assert.Single(checkpoints).DueAt);
    }

    [Fact]
    public void Configured_checkpoints_replace_the_defaults_and_can_be_turned_off()
    {
        _options.Reminders.Checkpoints = [new CheckpointOptions { After = TimeSpan.FromMinutes(10), Severities = [3], Text = "Call the vendor." }];
        _clock.Set(Declared.AddMinutes(11));
        var configured = Plan(Incident(Severity.Sev3) with { LastStatusAt = Declared.AddMinutes(10) });
        _options.Reminders.CheckpointsEnabled = false;
        var off = Plan(Incident(Severity.Sev3) with { LastStatusAt = Declared.AddMinutes(10) });

        Assert.Equal("Call the vendor.", Assert.Single(configured.Due).Checkpoint!.Text);
        Assert.Empty(off.Due);
    }

    [Fact]
    public void The_shown_next_due_is_exactly_when_the_reminder_becomes_due_across_many_states()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var incident = Incident((Severity)random.Next(1, 5)) with
            {
                Status = random.Next(3) == 0 ? IncidentStatus.Mitigated : IncidentStatus.Active,
                LastStatusAt = random.Next(2) == 0 ? null : Declared.AddMinutes(random.Next(0, 120)),
                SeverityChangedAt = random.Next(3) == 0 ? Declared.AddMinutes(random.Next(0, 120)) : null,
                SnoozedUntil = random.Next(4) == 0 ? Declared.AddMinutes(random.Next(0, 180)) : null,
            };
            var shown = CadencePolicy.NextUpdateDue(incident, _options.StatusCadence);
            if (shown is not { } due)
            {
                Assert.Null(Evaluate(incident, due: Declared.AddDays(2)).UpdateDue);
                continue;
            }

            Assert.DoesNotContain(Evaluate(incident, due - TimeSpan.FromTicks(1)).Due, d => d.Kind == ReminderKind.Reminder);
            Assert.Equal(due, Assert.Single(Evaluate(incident, due).Due, d => d.Kind == ReminderKind.Reminder).DueAt);
        }
    }

    [Fact]
    public void Keys_are_stable_between_evaluations_so_replicas_agree()
    {
        _clock.Set(Declared.AddMinutes(40));
        var incident = Incident(Severity.Sev1);

        var once = Plan(incident).Due.Select(d => d.Key);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var again = Plan(incident).Due.Select(d => d.Key);

        Assert.Equal(once, again);
        Assert.Contains("reminder:1:20260302T091500.000000Z", once);
    }

    private ReminderPlan Plan(Incident incident, DateTimeOffset? lastEscalation = null) =>
        ReminderRules.Evaluate(incident, lastEscalation, _options, _clock.GetUtcNow());

    private ReminderPlan Evaluate(Incident incident, DateTimeOffset due) => ReminderRules.Evaluate(incident, null, _options, due);

    private static Incident Incident(Severity severity) => new()
    {
        Number = 1,
        Title = "Checkout API 5xx errors",
        Severity = severity,
        Status = IncidentStatus.Active,
        Platform = "test",
        ChannelId = "C1",
        CommanderId = "U-IC",
        DeclaredBy = "U-IC",
        DeclaredAt = Declared,
    };
}
