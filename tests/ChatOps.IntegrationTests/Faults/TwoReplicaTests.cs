using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Maintenance;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Maintenance.Announcements;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// Two replicas on one PostgreSQL database, both delivering the outbox and both running the
/// scheduler: every announcement still goes out once. (Reminders: Reminders/ tests.)
/// </summary>
public sealed class TwoReplicaTests
{
    [Fact]
    public async Task Incidents_declared_on_both_replicas_at_once_each_get_one_channel_and_one_announcement()
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres, "replicas");
        await using var first = await TestApp.StartAsync(storage, SlackIncidentTests.Settings(slack));
        await using var second = await TestApp.StartAsync(storage, SlackIncidentTests.Settings(slack));
        var requests = SlackIncidentTests.Requests();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            var replica = i % 2 == 0 ? first : second;
            using var response = await replica.Client.SendAsync(requests.Command("/incident", $"declare sev2 Replica incident {i}", channelId: FaultSlack.Origin));
            response.EnsureSuccessStatusCode();
        }));

        await slack.WaitUntilAsync(() => slack.Messages(FaultSlack.Broadcast).Count >= 8, TimeSpan.FromSeconds(60), "eight announcements");
        await MaintenanceHarness.SettleAsync();

        Assert.Equal(8, slack.Messages(FaultSlack.Broadcast).Count);
        var incidentChannels = slack.Channels.Where(c => c.Name.StartsWith("inc-", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, incidentChannels.Count);
        Assert.Equal(Enumerable.Range(1, 8), incidentChannels.Select(c => int.Parse(c.Name.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(8, slack.CallsTo("conversations.create").Count(c => c.Ok));
        Assert.All(incidentChannels, c => Assert.Single(c.Pins));
    }

    [Fact]
    public async Task Maintenance_windows_planned_on_both_replicas_are_announced_once_when_planned_and_once_when_they_start()
    {
        await using var maint = await MaintenanceHarness.StartAsync(StorageProvider.Postgres);
        await using var replica = await maint.StartReplicaAsync();
        var start = maint.Minute(TimeSpan.FromDays(6));
        for (var i = 0; i < 4; i++)
        {
            var line = $"/maint schedule {MaintenanceHarness.Iso(start.AddHours(2 * i))} 1h Replica window {i}";
            var app = i % 2 == 0 ? maint.App : replica;
            var context = new CommandContext("test", "U-PLANNER", "C-PLAN", new ReplyTarget("C-PLAN", "U-PLANNER"), maint.Now);
            var reply = Assert.IsType<Reply>(await app.Get<CommandDispatcher>().ExecuteLineAsync(line, context, CancellationToken.None));
            Assert.Contains($"MW-{i + 1}", reply.Message.Fallback, StringComparison.Ordinal);
        }

        for (var id = 1; id <= 4; id++)
        {
            await maint.WaitPlannedAsync(id, AnnouncementKind.Started);
        }

        for (var i = 0; i < 4; i++)
        {
            maint.Clock.JumpTo(start.AddHours(2 * i).AddSeconds(1));
            await Eventually.TrueAsync(() => maint.Posts("Maintenance in progress").Count >= i + 1, $"window {i} in progress", TimeSpan.FromSeconds(30));
        }

        await MaintenanceHarness.SettleAsync();

        for (var i = 0; i < 4; i++)
        {
            var title = $"Replica window {i}";
            Assert.Single(maint.Posts("Maintenance scheduled"), p => p.Detail!.Contains(title, StringComparison.Ordinal));
            Assert.Single(maint.Posts("Maintenance in progress"), p => p.Detail!.Contains(title, StringComparison.Ordinal));
        }

        Assert.Equal(4, maint.Posts("Maintenance in progress").Count);
        Assert.Equal(4, maint.Posts("Maintenance scheduled").Count);
    }
}
