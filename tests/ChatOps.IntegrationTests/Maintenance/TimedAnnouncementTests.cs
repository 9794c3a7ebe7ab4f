using ChatOps.Chat.Messages;
using ChatOps.Incidents;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Maintenance.Announcements;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;
using static ChatOps.IntegrationTests.Maintenance.NoticeTests;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>Acceptance 3: T-24h, T-1h, start and end are each posted exactly once, across a restart too.</summary>
public sealed class TimedAnnouncementTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Each_timed_announcement_is_posted_once_even_when_one_fell_due_while_the_app_was_down(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(6));
        var end = start.AddHours(2);
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu to 1.31 --scope prod-eu");
        await maint.WaitForPostAsync("Maintenance scheduled");
        await maint.WaitPlannedAsync(1);

        maint.Clock.JumpTo(start.AddHours(-24).AddSeconds(1));
        await maint.WaitForPostAsync("Maintenance starts in 24 hours");

        // Down across T-1h, and long enough for its trigger to misfire: it fires once at start-up.
        await maint.StopAsync();
        maint.Clock.JumpTo(start.AddMinutes(-30));
        await maint.StartAppAsync();
        await maint.WaitForPostAsync("Maintenance starts in 1 hour");

        maint.Clock.JumpTo(start.AddSeconds(1));
        var running = await maint.WaitForPostAsync("Maintenance in progress");
        Assert.Empty(running.Message!.Blocks.OfType<Actions>());

        await maint.RestartAsync();
        maint.Clock.JumpTo(end.AddSeconds(1));
        await maint.WaitForPostAsync("Maintenance completed");

        await SettleAsync();
        Assert.Single(maint.Posts("Maintenance scheduled"));
        Assert.Single(maint.Posts("Maintenance starts in 24 hours"));
        Assert.Single(maint.Posts("Maintenance starts in 1 hour"));
        Assert.Single(maint.Posts("Maintenance in progress"));
        Assert.Single(maint.Posts("Maintenance completed"));
        Assert.Equal(5, maint.Platform.CallsOf("Post").Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task An_overrun_is_announced_and_completion_waits_for_the_new_end(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 1h Etcd defrag");
        await maint.WaitPlannedAsync(1);
        maint.Clock.JumpTo(start.AddSeconds(1));
        await maint.WaitForPostAsync("Maintenance in progress");

        var outsider = await maint.ReplyAsync("/maint extend 1 30m", user: "U-DEV");
        var extended = await maint.ReplyAsync("/maint extend 1 30m");

        Assert.True(outsider.IsError);
        Assert.False(extended.IsError, extended.Message.Fallback);
        var overrun = await maint.WaitForPostAsync("Maintenance overrunning");
        Assert.Contains(new Time(start.AddMinutes(90)), Inlines(overrun.Message!));
        await maint.WaitPlannedAsync(1, AnnouncementKind.Ended, start.AddMinutes(90));

        maint.Clock.JumpTo(start.AddMinutes(60).AddSeconds(1));
        await SettleAsync();
        Assert.Empty(maint.Posts("Maintenance completed"));

        maint.Clock.JumpTo(start.AddMinutes(90).AddSeconds(1));
        var completed = await maint.WaitForPostAsync("Maintenance completed (after an overrun)");
        Assert.Contains(new Time(start.AddMinutes(90)), Inlines(completed.Message!));
        await SettleAsync();
        Assert.Single(maint.Posts("Maintenance completed"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task The_start_notice_during_a_SEV1_asks_the_planner_to_confirm_or_postpone(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu");
        await maint.WaitPlannedAsync(1);
        var database = maint.App.Get<Database>();
        await database.InTransactionAsync((c, tx) => maint.App.Get<IncidentStore>().InsertAsync(c, tx, Incident("Checkout down", Severity.Sev1, IncidentStatus.Mitigated, maint.Now), default), default);
        await database.InTransactionAsync((c, tx) => maint.App.Get<IncidentStore>().InsertAsync(c, tx, Incident("Slow reports", Severity.Sev3, IncidentStatus.Active, maint.Now), default), default);

        maint.Clock.JumpTo(start.AddSeconds(1));
        var notice = await maint.WaitForPostAsync("Maintenance in progress");

        Assert.Contains("INC-1 (SEV1) active: confirm or postpone", notice.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-2", notice.Detail, StringComparison.Ordinal);
        Assert.Contains(new Mention("U-PLANNER"), Inlines(notice.Message!));
        var buttons = notice.Message!.Blocks.OfType<Actions>().Single().Buttons;
        Assert.Equal("/maint confirm 1", buttons[0].Command);

        var confirmed = await maint.ReplyAsync(buttons[0].Command!);
        Assert.False(confirmed.IsError, confirmed.Message.Fallback);
        await maint.WaitForPostAsync("Maintenance going ahead");
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task A_cancelled_window_is_announced_once_and_its_timers_say_nothing(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu");
        await maint.WaitPlannedAsync(1);

        var noReason = await maint.ReplyAsync("/maint cancel 1");
        var cancelled = await maint.ReplyAsync("/maint cancel 1 Freeze before the sale");

        Assert.Contains("Say why", noReason.Message.Fallback, StringComparison.Ordinal);
        Assert.False(cancelled.IsError, cancelled.Message.Fallback);
        var post = await maint.WaitForPostAsync("Maintenance cancelled");
        Assert.Contains(new Plain("Freeze before the sale"), Inlines(post.Message!));

        maint.Clock.JumpTo(start.AddHours(3));
        await SettleAsync();
        Assert.Equal(2, maint.Platform.CallsOf("Post").Count);
        Assert.Contains("was cancelled", (await maint.ReplyAsync("/maint cancel 1 again")).Message.Fallback, StringComparison.Ordinal);
    }

    private static Incident Incident(string title, Severity severity, IncidentStatus status, DateTimeOffset at) => new()
    {
        Title = title, Severity = severity, Status = status, Platform = "test", CommanderId = "U-IC", DeclaredBy = "U-IC", DeclaredAt = at,
    };
}
