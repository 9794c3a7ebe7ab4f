using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;

namespace ChatOps.Tests.Postmortems;

/// <summary>The figures a draft states: durations, SLA, and the gaps in status updates.</summary>
public sealed class IncidentFactsTests
{
    [Fact]
    public void Control_plane_outage_figures()
    {
        var story = Stories.ControlPlaneOutage();

        var facts = IncidentFacts.Of(story.Input());

        Assert.Equal(Severity.Sev2, facts.DeclaredSeverity);
        Assert.Equal(Severity.Sev1, facts.PeakSeverity);
        Assert.Equal(story.At(1), facts.FirstResponseAt);
        Assert.Equal(TimeSpan.FromMinutes(230), facts.Downtime);
        Assert.Equal(12, facts.StatusUpdates);
        Assert.Equal((1, 1), (facts.Reminders, facts.Escalations));
        Assert.Equal(
            [(story.At(37), story.At(74), 1, 1), (story.At(89), story.At(104), 0, 0), (story.At(224), story.At(240), 0, 0)],
            facts.Gaps.Select(g => (g.DueAt, g.EndedAt, g.Reminders, g.Escalations)).ToList());
        Assert.Equal(TimeSpan.FromMinutes(68), facts.MissedTotal);
    }

    [Fact]
    public void Sla_counts_downtime_against_the_calendar_month_it_started_in()
    {
        var facts = IncidentFacts.Of(Stories.ControlPlaneOutage().Input(target: 99.95m));
        var quick = IncidentFacts.Of(Stories.QuickRollback().Input(target: 99.95m));

        Assert.Equal(TimeSpan.FromDays(31), facts.Sla.MonthLength);
        Assert.Equal(TimeSpan.FromSeconds(1339.2), facts.Sla.Allowed);
        Assert.True(facts.Sla.Breached);
        Assert.Equal(99.485m, Math.Round(facts.Sla.Achieved, 3));
        Assert.False(quick.Sla.Breached);
        Assert.Equal(TimeSpan.FromMinutes(12), quick.Sla.Downtime);
        Assert.Equal(99.973m, Math.Round(quick.Sla.Achieved, 3));
    }

    [Fact]
    public void A_reopened_incident_counts_both_impact_periods_and_owes_updates_again_from_the_reopen()
    {
        var s = IncidentStory.Declare(new DateTimeOffset(2026, 2, 27, 23, 0, 0, TimeSpan.Zero), Severity.Sev2, "Queue backlog", "U1");
        s.Resolve(20, "U1", "drained");
        s.Close(25, "U1");
        s.Add(s.At(60), ChatOps.Timeline.TimelineKind.Reopened, "It is back", "U1", key: true);
        s.Resolve(140, "U1", "fixed for real");

        var facts = IncidentFacts.Of(s.Input());

        Assert.Equal(TimeSpan.FromMinutes(20 + 80), facts.Downtime);
        Assert.Equal(1, facts.Reopens);
        var gap = Assert.Single(facts.Gaps);
        Assert.Equal((s.At(90), s.At(140)), (gap.DueAt, gap.EndedAt));
        Assert.Equal(TimeSpan.FromDays(28), facts.Sla.MonthLength);
    }

    [Fact]
    public void A_reminder_outside_any_cadence_gap_opens_its_own_gap()
    {
        var s = IncidentStory.Declare(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Severity.Sev4, "Slow builds", "U1");
        s.Reminder(50, s.At(45));
        s.Status(70, "U1", "builds are faster");
        s.Resolve(80, "U1", "done");

        var gap = Assert.Single(IncidentFacts.Of(s.Input()).Gaps);

        Assert.Equal((s.At(45), s.At(70), 1), (gap.DueAt, gap.EndedAt, gap.Reminders));
        Assert.Null(gap.Cadence);
    }
}
