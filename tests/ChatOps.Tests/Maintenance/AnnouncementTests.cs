using ChatOps.Chat.Messages;
using ChatOps.Maintenance;
using ChatOps.Maintenance.Announcements;

namespace ChatOps.Tests.Maintenance;

public sealed class AnnouncementTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 9, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Timed_announcements_fall_due_before_the_start_at_the_start_and_at_the_end()
    {
        var window = Windows.At(Start, TimeSpan.FromHours(2));

        Assert.Equal(Start.AddHours(-24), AnnouncementKind.Reminder24h.DueAt(window));
        Assert.Equal(Start.AddHours(-1), AnnouncementKind.Reminder1h.DueAt(window));
        Assert.Equal(Start, AnnouncementKind.Started.DueAt(window));
        Assert.Equal(Start.AddHours(2), AnnouncementKind.Ended.DueAt(window));
    }

    [Fact]
    public void A_late_announcement_is_superseded_once_the_next_one_is_due()
    {
        var window = Windows.At(Start, TimeSpan.FromHours(2));

        Assert.False(AnnouncementKind.Reminder24h.IsSuperseded(window, Start.AddHours(-23)));
        Assert.True(AnnouncementKind.Reminder24h.IsSuperseded(window, Start.AddMinutes(-30)));
        Assert.True(AnnouncementKind.Reminder1h.IsSuperseded(window, Start));
        Assert.False(AnnouncementKind.Started.IsSuperseded(window, Start.AddHours(1)));
        Assert.True(AnnouncementKind.Started.IsSuperseded(window, Start.AddHours(2)));
        Assert.False(AnnouncementKind.Ended.IsSuperseded(window, Start.AddDays(3)));
    }

    [Fact]
    public void Dedupe_keys_change_with_the_due_instant_not_with_unrelated_edits()
    {
        var window = Windows.At(Start, TimeSpan.FromHours(2)) with { Id = 7 };
        var edited = window with { Revision = 5, DryRun = "yes" };
        var extended = window with { EndsAt = window.EndsAt.AddHours(1) };

        Assert.Equal("maint:7:end:20260309T230000Z", MaintenanceAnnouncer.TimedKey(window, AnnouncementKind.Ended));
        Assert.Equal(MaintenanceAnnouncer.TimedKey(window, AnnouncementKind.Reminder24h), MaintenanceAnnouncer.TimedKey(edited, AnnouncementKind.Reminder24h));
        Assert.NotEqual(MaintenanceAnnouncer.TimedKey(window, AnnouncementKind.Ended), MaintenanceAnnouncer.TimedKey(extended, AnnouncementKind.Ended));
        Assert.Equal("maint:7:scheduled:r1", MaintenanceAnnouncer.CommandKey(window, AnnouncementKind.Scheduled));
    }

    [Fact]
    public void Every_announcement_lists_the_missing_checklist_items()
    {
        var window = Windows.At(Start, TimeSpan.FromHours(2)) with { RollbackPlan = "https://x.example/r", DryRun = "yes" };

        foreach (var kind in new[] { AnnouncementKind.Scheduled, AnnouncementKind.Reminder24h, AnnouncementKind.Reminder1h, AnnouncementKind.Started })
        {
            var text = Text(MaintenanceMessages.Announcement(window, kind, []));
            Assert.Contains("Pre-flight checklist missing", text, StringComparison.Ordinal);
            Assert.Contains("last verified backup", text, StringComparison.Ordinal);
            Assert.Contains("multi-node topology", text, StringComparison.Ordinal);
            Assert.DoesNotContain("rollback plan link", text, StringComparison.Ordinal);
        }

        var complete = window with { LastBackup = new DateOnly(2026, 3, 1), StagingTested = "yes", SequentialRollout = "yes" };
        Assert.Contains("checklist complete", Text(MaintenanceMessages.Announcement(complete, AnnouncementKind.Reminder1h, [])), StringComparison.Ordinal);
    }

    [Fact]
    public void An_approved_emergency_shows_its_reason_and_approver()
    {
        var window = Windows.PendingEmergency(Start, TimeSpan.FromHours(1)) with
        {
            Status = WindowStatus.Scheduled, ApprovedBy = "U-OPS", ApprovedAt = Start.AddHours(-3),
        };

        var message = MaintenanceMessages.Announcement(window, AnnouncementKind.Approved, []);

        Assert.Contains(new Mention("U-OPS"), Inlines(message));
        Assert.Contains("CVE in the kubelet", Text(message), StringComparison.Ordinal);
        Assert.Contains(new Time(Start.AddHours(-3)), Inlines(message));
    }

    [Fact]
    public void The_start_notice_during_a_major_incident_asks_the_planner_to_confirm_or_postpone()
    {
        var window = Windows.At(Start, TimeSpan.FromHours(2)) with { Id = 7 };
        var incident = new MajorIncident { Number = 12, Severity = 1, Title = "Checkout down <!channel>" };

        var message = MaintenanceMessages.Announcement(window, AnnouncementKind.Started, [incident]);

        Assert.Contains("INC-12 (SEV1)", message.Fallback, StringComparison.Ordinal);
        Assert.Contains(new Plain("Checkout down <!channel>"), Inlines(message));
        Assert.Contains(new Mention("U-PLANNER"), Inlines(message));
        var buttons = message.Blocks.OfType<Actions>().Single().Buttons;
        Assert.Equal(new[] { "/maint confirm 7", "/maint cancel 7 Postponed: a SEV1/SEV2 incident was active at the start" }, buttons.Select(b => b.Command!).ToArray());
        Assert.Empty(MaintenanceMessages.Announcement(window, AnnouncementKind.Started, []).Blocks.OfType<Actions>());
    }

    [Fact]
    public void Times_are_time_inlines_with_utc_text_beside_them()
    {
        var window = Windows.At(Start, TimeSpan.FromMinutes(90));

        var message = MaintenanceMessages.Announcement(window, AnnouncementKind.Scheduled, []);

        Assert.Contains(new Time(Start), Inlines(message));
        Assert.Contains(new Time(Start.AddMinutes(90)), Inlines(message));
        Assert.Contains("UTC: 2026-03-09 21:00 to 2026-03-09 22:30", Text(message), StringComparison.Ordinal);
    }

    [Fact]
    public void User_text_enters_only_as_plain_or_bold()
    {
        var window = Windows.At(Start, TimeSpan.FromHours(1)) with { Title = "<@U999> *bold*", Scope = "<!here>" };

        var inlines = Inlines(MaintenanceMessages.Announcement(window, AnnouncementKind.Scheduled, [])).ToList();

        Assert.Contains(new Bold("<@U999> *bold*"), inlines);
        Assert.Contains(new Plain("<!here>"), inlines);
        Assert.DoesNotContain(inlines, i => i is Mention { UserId: "U999" });
    }

    private static IEnumerable<Inline> Inlines(ChatMessage message) => message.Blocks.SelectMany(b => b switch
    {
        Section s => s.Text.Parts.Concat((s.Fields ?? []).SelectMany(f => f.Value.Parts)),
        Context c => c.Elements.SelectMany(e => e.Parts),
        _ => [],
    });

    private static string Text(ChatMessage message) =>
        string.Join("\n", message.Blocks.Select(b => b switch
        {
            Header h => h.Text,
            Section s => s.Text.ToPlainText() + string.Concat((s.Fields ?? []).Select(f => $"\n{f.Label}: {f.Value.ToPlainText()}")),
            Context c => string.Join(" ", c.Elements.Select(e => e.ToPlainText())),
            _ => string.Empty,
        }));
}
