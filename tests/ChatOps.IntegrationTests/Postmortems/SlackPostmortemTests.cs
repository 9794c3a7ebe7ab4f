using System.Net;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Postmortems;

/// <summary>Declare to close over signed Slack webhooks, out through the fake Slack Web API's external upload flow.</summary>
public sealed class SlackPostmortemTests
{
    private const string Broadcast = "C0BROADCST";

    [Fact]
    public async Task Declare_to_close_uploads_the_draft_once_through_the_external_upload_flow_with_summaries()
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite, "pm"), SlackIncidentTests.Settings(slack));
        var requests = SlackIncidentTests.Requests();
        var channel = await SlackIncidentTests.DeclareAsync(app, slack, "declare sev1 etcd quorum lost during upgrade");
        var ts = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.000100";

        await SendAsync(app, requests.Event(SlackEvents.Message(channel, "etcd-1 was upgraded before etcd-0 rejoined", ts: ts), "EvPm1"));
        var pin = new JsonObject
        {
            ["type"] = "pin_added", ["user"] = "U0TESTER01", ["channel_id"] = channel, ["event_ts"] = ts + "1",
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel, ["message"] = new JsonObject { ["user"] = "U0TESTER01", ["text"] = "etcd-1 was upgraded before etcd-0 rejoined", ["ts"] = ts } },
        };
        await SendAsync(app, requests.Event(pin, "EvPm2"));
        foreach (var line in new[] { "status Restoring etcd from snapshot", "note Upgrade paused", "action Add a quorum check to the upgrade runbook <@U0TESTER01> due:2026-12-20", "mitigated API is back", "resolve", "close" })
        {
            await SendAsync(app, requests.Command("/incident", line, channelId: channel));
        }

        await slack.WaitUntilAsync(() => slack.Messages(Broadcast).Any(m => m.Text?.Contains("postmortem draft v1", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(60), "the broadcast summary");
        await slack.WaitUntilAsync(() => slack.Messages(channel).Any(m => m.Text?.Contains("postmortem draft v1", StringComparison.Ordinal) == true), what: "the channel summary");
        Assert.Single(slack.CallsTo("files.getUploadURLExternal"));
        Assert.Single(slack.CallsTo("upload"));
        var complete = Assert.Single(slack.CallsTo("files.completeUploadExternal"));
        Assert.True(complete.Ok);
        Assert.Equal(channel, complete["channel_id"]);
        var file = Assert.Single(slack.Files);
        Assert.Equal(("INC-1-postmortem-v1.md", "INC-1 postmortem draft v1", channel, true), (file.FileName, file.Title, file.Channel, file.Completed));
        Assert.Contains(slack.Messages(channel), m => m.FileIds.Contains(file.Id));
        var markdown = file.Text!;
        Assert.StartsWith("# Postmortem: INC-1 · etcd quorum lost during upgrade\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Pinned message | @U0TESTER01 | etcd-1 was upgraded before etcd-0 rejoined |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Status update | @U0TESTER01 | Restoring etcd from snapshot |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Note | @U0TESTER01 | Upgrade paused |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | Add a quorum check to the upgrade runbook | @U0TESTER01 | 2026-12-20 | Open |", markdown, StringComparison.Ordinal);

        using var served = await app.Client.GetAsync(new Uri("/api/incidents/1/postmortem.md", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(markdown, await served.Content.ReadAsStringAsync());
        Assert.Equal(file.DeclaredLength, System.Text.Encoding.UTF8.GetByteCount(markdown));
    }

    private static async Task SendAsync(TestApp app, HttpRequestMessage request)
    {
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
