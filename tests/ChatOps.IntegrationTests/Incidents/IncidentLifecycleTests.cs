using System.Diagnostics;
using ChatOps.Chat.Commands;
using ChatOps.Incidents;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Timeline;

namespace ChatOps.IntegrationTests.Incidents;

/// <summary>/incident through the real app and both stores, observed at the chat port.</summary>
public sealed class IncidentLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Declare_answers_at_once_then_opens_the_channel_invites_sets_topic_pins_summary_and_announces(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider, new Dictionary<string, string?> { ["Incidents:ChannelPrefix"] = "inc" });

        var reply = await chat.RunAsync("/incident declare sev1 Checkout API 5xx errors", "U-ALICE", "C-OPS");

        Assert.Contains("INC-1 declared (SEV1)", ChatHarness.TextOf(reply), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => chat.Platform.CallsOf("Pin").Count == 1 && chat.Platform.CallsOf("Post").Count == 2, "summary pinned and announcement posted");
        var create = Assert.Single(chat.Platform.CallsOf("CreateChannel"));
        Assert.Equal("inc-1-checkout-api-5xx-errors", create.Target);
        var incident = (await chat.App.Get<IncidentStore>().GetAsync(1, default))!;
        Assert.Equal("inc-1-checkout-api-5xx-errors", incident.ChannelName);
        Assert.Equal("U-ALICE", incident.CommanderId);
        Assert.Equal("C-OPS", incident.OriginChannelId);
        Assert.Contains("U-ALICE", Assert.Single(chat.Platform.CallsOf("Invite")).Detail, StringComparison.Ordinal);
        Assert.StartsWith("SEV1 | Active | IC: user-U-ALICE", Assert.Single(chat.Platform.CallsOf("SetTopic")).Detail, StringComparison.Ordinal);
        var posts = chat.Platform.CallsOf("Post");
        Assert.Contains(posts, p => p.Target == incident.ChannelId && p.Detail!.StartsWith("INC-1 SEV1 Active", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Target == "C-BROADCAST" && p.Detail == "INC-1 declared (SEV1): Checkout API 5xx errors");
        var declared = Assert.Single(await chat.App.Get<TimelineStore>().ListAsync(1, default));
        Assert.Equal(TimelineKind.Declared, declared.Kind);
    }

    [Fact]
    public async Task Declare_is_acknowledged_without_waiting_for_a_slow_platform()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);
        chat.Platform.Delay = TimeSpan.FromSeconds(5);

        var watch = Stopwatch.StartNew();
        var reply = await chat.RunAsync("/incident declare sev2 Queue backlog growing");
        watch.Stop();

        Assert.Contains("INC-1 declared", ChatHarness.TextOf(reply), StringComparison.Ordinal);
        // Five platform calls at 5 s each follow the declaration; the answer must not wait for any of them.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the declaration took {watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Status_update_posts_in_channel_and_broadcast_with_next_due_and_refreshes_the_summary(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await DeclareAsync(chat, "/incident declare sev1 Database failover");

        var reply = await chat.RunAsync("/incident status Failover to replica done, watching error rate", "U-BOB", channel);

        Assert.StartsWith("Status update posted. Next update due", ChatHarness.TextOf(reply).Trim(), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => chat.Platform.CallsOf("Update").Count >= 1 && chat.Platform.CallsOf("Post").Count(p => p.Detail!.Contains("Failover to replica", StringComparison.Ordinal)) == 2, "status posted twice and summary updated");
        var entry = (await chat.App.Get<TimelineStore>().ListAsync(1, default)).Single(e => e.Kind == TimelineKind.Status);
        Assert.Equal("U-BOB", entry.AuthorId);
        Assert.Contains("nextDueAt", entry.Data, StringComparison.Ordinal);
        Assert.NotNull((await chat.App.Get<IncidentStore>().GetAsync(1, default))!.LastStatusAt);
    }

    [Fact]
    public async Task Outsiders_cannot_change_an_incident_but_its_channel_members_and_role_holders_can()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);
        var channel = await DeclareAsync(chat, "/incident declare sev2 Search is slow", "U-IC");

        var outsider = await chat.RunAsync("/incident sev #1 1", "U-EVE", "C-RANDOM");
        var member = await chat.RunAsync("/incident note Found a bad index", "U-BOB", channel);
        await chat.RunAsync("/incident role comms <@U-CAROL>", "U-IC", channel);
        var roleHolder = await chat.RunAsync("/incident sev #1 1", "U-CAROL", "C-RANDOM");

        Assert.Contains("Only people in the INC-1 channel", ChatHarness.TextOf(outsider), StringComparison.Ordinal);
        Assert.Contains("Noted on the INC-1 timeline", ChatHarness.TextOf(member), StringComparison.Ordinal);
        Assert.Contains("INC-1 is now SEV1", ChatHarness.TextOf(roleHolder), StringComparison.Ordinal);
        var severity = (await chat.App.Get<IncidentStore>().GetAsync(1, default))!.Severity;
        Assert.Equal(Severity.Sev1, severity);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Lifecycle_mitigate_resolve_close_reopen_records_every_step(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await DeclareAsync(chat, "/incident declare sev1 Payments down");

        var mitigated = await chat.RunAsync("/incident mitigated Rolled back to v41", channel: channel);
        var again = await chat.RunAsync("/incident mitigated", channel: channel);
        var closeEarly = await chat.RunAsync("/incident close", channel: channel);
        var resolved = await chat.RunAsync("/incident resolve", channel: channel);
        var closed = await chat.RunAsync("/incident close", channel: channel);
        var reopened = await chat.RunAsync("/incident reopen It is back", channel: channel);

        Assert.Contains("INC-1 mitigated", ChatHarness.TextOf(mitigated), StringComparison.Ordinal);
        Assert.Contains("only an active incident can be marked mitigated", ChatHarness.TextOf(again), StringComparison.Ordinal);
        var confirm = Assert.IsType<Reply>(closeEarly);
        Assert.Contains(confirm.Message.Blocks.OfType<Chat.Messages.Actions>().Single().Buttons, b => b.Command == "/incident close #1 confirm");
        Assert.Contains("INC-1 resolved", ChatHarness.TextOf(resolved), StringComparison.Ordinal);
        Assert.Contains("INC-1 closed", ChatHarness.TextOf(closed), StringComparison.Ordinal);
        Assert.Contains("INC-1 reopened", ChatHarness.TextOf(reopened), StringComparison.Ordinal);
        // Other work (the postmortem draft, its delivery outcome) may interleave entries; the lifecycle order is what matters.
        TimelineKind[] lifecycle = [TimelineKind.Declared, TimelineKind.Mitigated, TimelineKind.Resolved, TimelineKind.Closed, TimelineKind.Reopened];
        var kinds = (await chat.App.Get<TimelineStore>().ListAsync(1, default)).Select(e => e.Kind).Where(lifecycle.Contains).ToList();
        Assert.Equal(lifecycle, kinds);
        var incident = (await chat.App.Get<IncidentStore>().GetAsync(1, default))!;
        Assert.Equal(IncidentStatus.Active, incident.Status);
        Assert.Null(incident.ClosedAt);
    }

    [Fact]
    public async Task Closing_an_unresolved_incident_after_confirmation_resolves_it_and_requests_the_postmortem()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);
        var channel = await DeclareAsync(chat, "/incident declare sev3 Flaky CI runners");

        await chat.RunAsync("/incident close #1 confirm", channel: channel);

        var incident = (await chat.App.Get<IncidentStore>().GetAsync(1, default))!;
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.NotNull(incident.ResolvedAt);
        var kinds = (await chat.App.Get<TimelineStore>().ListAsync(1, default)).Select(e => e.Kind).ToList();
        Assert.Equal([TimelineKind.Declared, TimelineKind.Resolved, TimelineKind.Closed], kinds[..3]);
        await using var connection = await chat.App.Get<Database>().OpenAsync(default);
        var drafts = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM outbox WHERE kind = 'postmortem.draft' AND incident_number = 1");
        Assert.Equal(1, drafts);
    }

    [Fact]
    public async Task Commands_outside_an_incident_channel_must_name_the_incident()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);

        var unnamed = await chat.RunAsync("/incident status all good", channel: "C-RANDOM");
        var missing = await chat.RunAsync("/incident status #99 all good", channel: "C-RANDOM");

        Assert.Contains("not an incident channel", ChatHarness.TextOf(unnamed), StringComparison.Ordinal);
        Assert.Contains("There is no INC-99", ChatHarness.TextOf(missing), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Action_items_are_listed_and_completed(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await DeclareAsync(chat, "/incident declare sev2 Backups failing");

        var added = await chat.RunAsync("/incident action Verify restore weekly <@U-DAN> due:2026-04-01", channel: channel);
        var done = await chat.RunAsync("/incident action done 1", channel: channel);
        var list = await chat.RunAsync("/incident action list", channel: channel);

        Assert.Contains("Action #1 recorded for INC-1, due 2026-04-01", ChatHarness.TextOf(added), StringComparison.Ordinal);
        Assert.Contains("Action #1 marked done", ChatHarness.TextOf(done), StringComparison.Ordinal);
        Assert.Contains("✅", ChatHarness.TextOf(list), StringComparison.Ordinal);
        var item = Assert.Single(await chat.App.Get<IncidentStore>().ListActionItemsAsync(1, default));
        Assert.Equal("U-DAN", item.OwnerId);
        Assert.Equal(ActionItemStatus.Done, item.Status);
    }

    internal static async Task<string> DeclareAsync(ChatHarness chat, string line, string user = "U-ALICE")
    {
        await chat.RunAsync(line, user, "C-OPS");
        string? channel = null;
        await Eventually.TrueAsync(async () => (channel = (await chat.App.Get<IncidentStore>().ListAsync(1, default))[0].ChannelId) is not null, "the incident channel exists");
        // Set-up ends with the pinned summary; later changes update it.
        await Eventually.TrueAsync(() => chat.Platform.CallsOf("Post").Any(p => p.Target == channel), "the summary is posted");
        return channel!;
    }
}
