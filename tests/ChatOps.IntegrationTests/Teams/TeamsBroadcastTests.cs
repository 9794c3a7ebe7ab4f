using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Timers;
using ChatOps.Storage;
using Quartz;
using static ChatOps.IntegrationTests.Teams.TeamsHarness;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>Announcements reach Teams; with Slack and Teams both configured each incident and window stays on its own platform and is announced on both.</summary>
public sealed class TeamsBroadcastTests
{
    [Fact]
    public async Task Maintenance_scheduled_from_Teams_is_announced_in_the_Teams_broadcast_channel_now_and_24_hours_before()
    {
        var clock = new OffsetClock();
        await using var teams = await StartAsync(StorageProvider.Sqlite, clock: clock);
        var start = Minute(clock, TimeSpan.FromDays(6));

        var reply = await teams.RunCommandAsync(Alice, Ops, $"maint schedule {Iso(start)} 2h Upgrade prod-eu to 1.31 --scope prod-eu");

        Assert.Contains("MW-1", reply.CardText, StringComparison.Ordinal);
        await teams.Teams.WaitUntilAsync(() => Posted(teams, "Maintenance scheduled: Upgrade prod-eu to 1.31 (MW-1)"), what: "the scheduled announcement");
        await WaitPlannedAsync(teams, 1);
        clock.JumpTo(start.AddHours(-24).AddSeconds(1));
        await teams.Teams.WaitUntilAsync(() => Posted(teams, "Maintenance starts in 24 hours"), TimeSpan.FromSeconds(30), "the 24-hour notice");
    }

    [Fact]
    public async Task Connector_throttling_and_outages_are_retried_until_the_announcement_lands_once()
    {
        await using var teams = await StartAsync(StorageProvider.Sqlite);
        teams.Teams.Fail("thread", 1, 429, TimeSpan.FromSeconds(1));
        teams.Teams.Fail("thread", 1, 503);

        await teams.RunCommandAsync(Alice, Ops, "incident declare sev2 Search latency");

        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(Broadcast).Count == 1 && teams.Teams.Channels.Count == 1 && teams.Teams.PostsIn(teams.Teams.Channels[0].Id).Count == 1,
            TimeSpan.FromSeconds(40), "the summary and the announcement after retries");
        var threads = teams.Teams.CallsTo("thread");
        Assert.Equal([429, 503], threads.Where(c => !c.Ok).Select(c => c.Status).Order());
        // The summary and the announcement go out in parallel; the throttled one waits out Retry-After.
        var throttled = threads.First(c => c.Status == 429);
        var retry = threads.First(c => c.ConversationId == throttled.ConversationId && c.At > throttled.At);
        Assert.True(retry.At - throttled.At >= TimeSpan.FromSeconds(0.9), $"retried after {retry.At - throttled.At}");
        Assert.Single(teams.Teams.Channels);
        Assert.Single(teams.Teams.PostsIn(teams.Teams.Channels[0].Id));
    }

    [Fact]
    public async Task With_Slack_and_Teams_each_incident_and_window_lives_on_its_platform_and_is_announced_in_both_broadcast_channels()
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        var slackSettings = SlackIncidentTests.Settings(slack);
        await using var teams = await StartAsync(StorageProvider.Postgres, slackSettings);
        const string SlackBroadcast = "C0BROADCST";

        using (var declared = await teams.App.Client.SendAsync(SlackIncidentTests.Requests().Command("/incident", "declare sev2 DNS timeouts", channelId: "C0OPSCHAN1")))
        {
            Assert.Contains("INC-1 declared", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var teamsReply = await teams.RunCommandAsync(Alice, Ops, "incident declare sev1 Checkout down");
        Assert.Contains("INC-2 declared", teamsReply.CardText, StringComparison.Ordinal);
        // Each incident is announced on both platforms' broadcast channels, once each.
        await slack.WaitUntilAsync(() => SlackSaid(slack, "INC-1") && SlackSaid(slack, "INC-2"), what: "both announcements on Slack");
        await teams.Teams.WaitUntilAsync(() => Posted(teams, "INC-1") && Posted(teams, "INC-2"), what: "both announcements on Teams");

        Assert.Single(slack.Channels, c => c.Name == "inc-1-dns-timeouts");
        Assert.Equal("inc-2-checkout-down", Assert.Single(teams.Teams.Channels).DisplayName);
        Assert.Equal("slack", await PlatformOfAsync(teams, 1));
        Assert.Equal("teams", await PlatformOfAsync(teams, 2));

        var elsewhere = await teams.RunCommandAsync(Alice, Ops, "incident status #1 looking at resolvers");
        Assert.Contains("INC-1 lives on slack", elsewhere.CardText, StringComparison.Ordinal);

        var start = Minute(TimeProvider.System, TimeSpan.FromDays(6));
        using (var slackWindow = await teams.App.Client.SendAsync(SlackIncidentTests.Requests().Command("/maint", $"schedule {Iso(start)} 1h Rotate certificates --scope prod-us", channelId: "C0OPSCHAN1")))
        {
            Assert.Equal(HttpStatusCode.OK, slackWindow.StatusCode);
        }

        await teams.RunCommandAsync(Alice, Ops, $"maint schedule {Iso(start.AddDays(1))} 1h Resize node pools --scope prod-eu");
        await slack.WaitUntilAsync(() => SlackSaid(slack, "Rotate certificates") && SlackSaid(slack, "Resize node pools"), what: "both windows announced on Slack");
        await teams.Teams.WaitUntilAsync(() => Posted(teams, "Rotate certificates") && Posted(teams, "Resize node pools"), what: "both windows announced on Teams");
        await Task.Delay(1000);
        Assert.Single(slack.Messages(SlackBroadcast), m => (m.Text ?? string.Empty).Contains("INC-2", StringComparison.Ordinal));
        Assert.Single(teams.Teams.PostsIn(Broadcast), p => p.CardText.Contains("Rotate certificates", StringComparison.Ordinal));
    }

    private static bool SlackSaid(FakeSlack slack, string text) =>
        slack.Messages("C0BROADCST").Any(m => (m.Text ?? string.Empty).Contains(text, StringComparison.Ordinal));

    private static bool Posted(TeamsHarness teams, string text) =>
        teams.Teams.PostsIn(Broadcast).Any(p => p.CardText.Contains(text, StringComparison.Ordinal));

    private static async Task<string?> PlatformOfAsync(TeamsHarness teams, int number)
    {
        var incident = await teams.App.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/incidents/{number}", UriKind.Relative));
        return incident.GetProperty("incident").GetProperty("platform").GetString();
    }

    private static async Task WaitPlannedAsync(TeamsHarness teams, long window)
    {
        var scheduler = await teams.App.Get<ISchedulerFactory>().GetScheduler();
        await Eventually.TrueAsync(async () => await scheduler.GetTrigger(MaintenanceTimers.TriggerKeyFor(window, AnnouncementKind.Ended)) is not null, $"MW-{window} planned");
    }

    private static DateTimeOffset Minute(TimeProvider clock, TimeSpan ahead)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero) + ahead;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
