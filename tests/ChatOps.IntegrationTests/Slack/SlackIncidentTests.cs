using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>/incident end to end: signed webhooks into the real app, the real lifecycle and timeline, out to the fake Slack API.</summary>
public sealed class SlackIncidentTests
{
    private const string Secret = "e2e-signing-secret";
    private const string Broadcast = "C0BROADCST";
    private const string Origin = "C0OPSCHAN1";

    [Fact]
    public async Task Declare_is_answered_well_under_3_s_with_a_5_s_Slack_and_channel_invite_topic_pinned_summary_and_broadcast_follow()
    {
        await using var slack = await StartSlackAsync();
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Postgres, "e2e"), Settings(slack));
        slack.Delay(TimeSpan.FromSeconds(5));

        var watch = Stopwatch.StartNew();
        using var response = await app.Client.SendAsync(Requests().Command("/incident", "declare sev1 Checkout API 5xx errors", channelId: Origin));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"acknowledged after {watch.Elapsed}");
        Assert.Contains("INC-1 declared (SEV1)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await slack.WaitUntilAsync(() => slack.Messages(Broadcast).Count == 1 && slack.Channels.Any(c => c.Pins.Count == 1), TimeSpan.FromSeconds(90), "summary pinned and broadcast posted");
        var channel = Assert.Single(slack.Channels, c => c.Name == "inc-1-checkout-api-5xx-errors");
        Assert.Contains("U0TESTER01", channel.Members);
        Assert.StartsWith("SEV1 | Active | IC: ", channel.Topic, StringComparison.Ordinal);
        var summary = Assert.Single(slack.Messages(channel.Id));
        Assert.Equal(summary.Ts, Assert.Single(channel.Pins));
        Assert.Contains("Checkout API 5xx errors", summary.Text, StringComparison.Ordinal);
        var announcement = slack.Messages(Broadcast)[0].Blocks!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains($"<#{channel.Id}", announcement, StringComparison.Ordinal);
        Assert.Equal(1, slack.CallsTo("conversations.create").Count(c => c.Ok));
    }

    [Fact]
    public async Task A_taken_channel_name_gets_a_suffix()
    {
        await using var slack = await StartSlackAsync();
        slack.NameTaken("inc-1-dns-timeouts");
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), Settings(slack));

        await app.Client.SendAsync(Requests().Command("/incident", "declare sev2 DNS timeouts", channelId: Origin));

        await slack.WaitUntilAsync(() => slack.Messages(Broadcast).Count == 1, what: "the announcement");
        Assert.Contains(slack.Channels, c => c.Name == "inc-1-dns-timeouts-2");
        var incident = await app.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative));
        Assert.Equal("inc-1-dns-timeouts-2", incident.GetProperty("incident").GetProperty("channelName").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Forty_events_ten_redelivered_give_forty_entries_an_edit_keeps_both_texts_a_deletion_is_marked(StorageProvider provider)
    {
        await using var slack = await StartSlackAsync();
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider, "e2e"), Settings(slack));
        var channel = await DeclareAsync(app, slack, "declare sev2 Kafka consumer lag");
        var requests = Requests();

        for (var i = 0; i < 40; i++)
        {
            using var ok = await app.Client.SendAsync(requests.Event(Message(channel, $"update {i}", Ts(i)), $"Ev{i:D3}"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        for (var i = 0; i < 40; i += 4)
        {
            using var retry = await app.Client.SendAsync(requests.Event(Message(channel, $"update {i}", Ts(i)), $"Ev{i:D3}", retryNum: 1));
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        await app.Client.SendAsync(requests.Event(Changed(channel, Ts(3), "update 3 (corrected)"), "EvEdit"));
        await app.Client.SendAsync(requests.Event(new JsonObject { ["type"] = "message", ["subtype"] = "message_deleted", ["hidden"] = true, ["channel"] = channel, ["ts"] = "1772445700.000001", ["deleted_ts"] = Ts(4), ["event_ts"] = "1772445700.000001" }, "EvDel"));

        var timeline = await app.Client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/incidents/1/timeline", UriKind.Relative));
        var messages = timeline!.Where(e => e.GetProperty("kind").GetString() == "Message").ToList();
        Assert.Equal(40, messages.Count);
        Assert.Equal("update 3", messages[3].GetProperty("text").GetString());
        Assert.Equal("update 3 (corrected)", messages[3].GetProperty("revisions")[0].GetProperty("text").GetString());
        Assert.True(messages[4].GetProperty("deleted").GetBoolean());
        Assert.Equal("update 4", messages[4].GetProperty("text").GetString());
        Assert.DoesNotContain(messages, m => m.GetProperty("text").GetString()!.Contains("INC-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forged_and_stale_requests_are_refused_and_store_and_send_nothing()
    {
        await using var slack = await StartSlackAsync();
        var storage = await TestStores.CreateAsync(StorageProvider.Sqlite);
        await using var app = await TestApp.StartAsync(storage, Settings(slack));

        using var forged = await app.Client.SendAsync(new SlackRequests("not-the-secret").Command("/incident", "declare sev1 Fake", channelId: Origin));
        using var stale = await app.Client.SendAsync(Requests().Command("/incident", "declare sev1 Old", channelId: Origin, timestamp: Requests().Now - 301));
        using var unsigned = await app.Client.PostAsync(new Uri("/slack/commands", UriKind.Relative), new StringContent("command=%2Fincident&text=declare+x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        await Task.Delay(500);
        await using var connection = await new Database(storage).OpenAsync(default);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM incidents"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox"));
        Assert.Empty(slack.Calls);
    }

    [Fact]
    public async Task A_process_killed_after_acknowledging_a_declaration_still_creates_the_channel_after_restart()
    {
        await using var slack = await StartSlackAsync();
        slack.ServerErrors("conversations.create", during: TimeSpan.FromMinutes(5));
        var storage = await TestStores.CreateAsync(StorageProvider.Sqlite, "kill");
        var settings = Settings(slack);
        foreach (var (key, value) in storage.Settings())
        {
            settings[key] = value;
        }

        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitReadyAsync();
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            using var ack = await client.SendAsync(Requests().Command("/incident", "declare sev1 Ledger writes failing", channelId: Origin));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            await slack.WaitForCallAsync("conversations.create");
            first.Kill();
        }

        Assert.DoesNotContain(slack.Channels, c => c.Name.StartsWith("inc-1", StringComparison.Ordinal));
        slack.ResetScript();
        await using var second = AppProcess.Start(settings);
        await second.WaitReadyAsync();

        await slack.WaitUntilAsync(() => slack.Messages(Broadcast).Count == 1, TimeSpan.FromSeconds(60), "the announcement after restart");
        Assert.Single(slack.Channels, c => c.Name == "inc-1-ledger-writes-failing");
    }

    internal static async Task<FakeSlack> StartSlackAsync()
    {
        var slack = await FakeSlack.StartAsync();
        slack.AddChannel("incidents", Broadcast);
        slack.AddChannel("ops", Origin, members: ["U0TESTER01"]);
        slack.AddUser("U0TESTER01", "tester");
        return slack;
    }

    internal static Dictionary<string, string?> Settings(FakeSlack slack) => new()
    {
        ["Slack:SigningSecret"] = Secret,
        ["Slack:BotToken"] = FakeSlack.BotToken,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["Slack:BroadcastChannel"] = Broadcast,
    };

    internal static SlackRequests Requests() => new(Secret);

    internal static async Task<string> DeclareAsync(TestApp app, FakeSlack slack, string text)
    {
        await app.Client.SendAsync(Requests().Command("/incident", text, channelId: Origin));
        await slack.WaitUntilAsync(() => slack.Messages(Broadcast).Count >= 1, what: "the announcement");
        return slack.Channels.Single(c => c.Name.StartsWith("inc-", StringComparison.Ordinal)).Id;
    }

    private static string Ts(int i) => $"1772445600.{i + 100:D6}";

    private static JsonObject Message(string channel, string text, string ts) => SlackEvents.Message(channel, text, ts: ts);

    private static JsonObject Changed(string channel, string ts, string text) => new()
    {
        ["type"] = "message", ["subtype"] = "message_changed", ["hidden"] = true, ["channel"] = channel, ["ts"] = "1772445690.000001", ["event_ts"] = "1772445690.000001",
        ["message"] = new JsonObject { ["type"] = "message", ["user"] = "U0TESTER01", ["text"] = text, ["ts"] = ts, ["edited"] = new JsonObject { ["user"] = "U0TESTER01", ["ts"] = "1772445690.000001" } },
        ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = "U0TESTER01", ["text"] = "old", ["ts"] = ts },
    };
}
