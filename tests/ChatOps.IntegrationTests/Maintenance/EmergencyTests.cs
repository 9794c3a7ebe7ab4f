using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Maintenance.Announcements;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;
using static ChatOps.IntegrationTests.Maintenance.NoticeTests;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>Acceptance 2: an emergency waits for an approver who is not the requester; the approval is announced.</summary>
public sealed class EmergencyTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task An_emergency_stays_pending_until_another_approver_approves_and_the_approval_is_announced(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromHours(5));

        var requested = await maint.ReplyAsync(
            $"/maint emergency {Iso(start)} 1h Patch kubelet on prod-eu --scope prod-eu --reason CVE-2026-1234 is exploited in the wild", user: "U-LEAD");

        Assert.False(requested.IsError, requested.Message.Fallback);
        Assert.Contains("Pending approval", requested.Message.Fallback, StringComparison.Ordinal);
        Assert.Contains(new Mention("U-OPS"), Inlines(requested.Message));
        var ask = await maint.WaitForAsync("Direct", c => c.Target == "U-OPS");
        Assert.Contains(ask.Message!.Blocks.OfType<Actions>().Single().Buttons, b => b.Command == "/maint approve 1");
        Assert.DoesNotContain(maint.Platform.CallsOf("Direct"), c => c.Target == "U-LEAD");

        var self = await maint.ReplyAsync("/maint approve 1", user: "U-LEAD");
        var outsider = await maint.ReplyAsync("/maint approve MW-1", user: "U-DEV");

        Assert.True(self.IsError);
        Assert.Contains("You requested MW-1, so you cannot approve it yourself", self.Message.Fallback, StringComparison.Ordinal);
        Assert.True(outsider.IsError);
        Assert.Contains("Only the maintenance approvers", outsider.Message.Fallback, StringComparison.Ordinal);
        await SettleAsync();
        Assert.Empty(maint.Platform.CallsOf("Post"));
        Assert.Contains("\"status\":\"pendingApproval\"", await maint.App.Client.GetStringAsync(new Uri("/api/maintenance/1", UriKind.Relative)), StringComparison.Ordinal);

        var approved = await maint.ReplyAsync("/maint approve 1", user: "U-OPS");

        Assert.False(approved.IsError, approved.Message.Fallback);
        var announcement = await maint.WaitForPostAsync("Emergency maintenance approved: Patch kubelet on prod-eu (MW-1)");
        Assert.Contains(new Mention("U-OPS"), Inlines(announcement.Message!));
        Assert.Contains(new Plain("CVE-2026-1234 is exploited in the wild"), Inlines(announcement.Message!));
        Assert.Contains(announcement.Message!.Blocks.OfType<Section>().SelectMany(s => s.Fields ?? []), f => f.Label == "Approved by");

        var again = await maint.ReplyAsync("/maint approve 1", user: "U-LEAD");
        Assert.Contains("already approved", again.Message.Fallback, StringComparison.Ordinal);

        // The reminders carry the approval too (T-24h fell due before the approval, so only T-1h is planned).
        await maint.WaitPlannedAsync(1, AnnouncementKind.Reminder1h);
        maint.Clock.JumpTo(start.AddHours(-1).AddSeconds(1));
        var reminder = await maint.WaitForPostAsync("Maintenance starts in 1 hour");
        Assert.Contains(new Mention("U-OPS"), Inlines(reminder.Message!));
        Assert.Contains(new Plain("CVE-2026-1234 is exploited in the wild"), Inlines(reminder.Message!));
        Assert.Empty(maint.Posts("starts in 24 hours"));
    }

    [Fact]
    public async Task An_emergency_without_a_reason_or_with_no_approvers_configured_is_explained()
    {
        await using var maint = await StartAsync(StorageProvider.Sqlite, new() { ["Maintenance:Approvers:0"] = null, ["Maintenance:Approvers:1"] = null });
        var start = Iso(maint.Minute(TimeSpan.FromHours(5)));

        var noReason = await maint.ReplyAsync($"/maint emergency {start} 1h Patch kubelet");
        var requested = await maint.ReplyAsync($"/maint emergency {start} 1h Patch kubelet --reason CVE");
        var approve = await maint.ReplyAsync("/maint approve 1", user: "U-OPS");

        Assert.Contains("needs a reason", noReason.Message.Fallback, StringComparison.Ordinal);
        Assert.Contains("No approvers are configured", string.Join(" ", Inlines(requested.Message).Select(i => i.ToPlainText())), StringComparison.Ordinal);
        Assert.Contains("No approvers are configured (Maintenance:Approvers)", approve.Message.Fallback, StringComparison.Ordinal);
    }
}
