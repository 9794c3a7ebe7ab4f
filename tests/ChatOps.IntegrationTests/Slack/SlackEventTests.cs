using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat.Events;
using ChatOps.IntegrationTests.Fakes.Slack;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>POST /slack/events on the real app: handshake, channel events to the sink, 503 when it cannot take them.</summary>
public sealed class SlackEventTests
{
    [Fact]
    public async Task Url_verification_echoes_the_challenge_only_when_signed()
    {
        await using var h = await SlackHarness.StartAsync();
        const string Body = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        using var signed = await h.Client.SendAsync(h.Requests.Signed("/slack/events", Body, "application/json"));
        using var unsigned = await h.Client.SendAsync(new SlackRequests("wrong").Signed("/slack/events", Body, "application/json"));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        using var answer = JsonDocument.Parse(await signed.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", answer.RootElement.GetProperty("challenge").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task A_channel_message_reaches_the_sink_and_a_redelivery_reaches_it_again()
    {
        await using var h = await SlackHarness.StartAsync();

        using var first = await h.Client.SendAsync(h.Requests.Event(SlackEvents.Message("C0INC0042", "rolling back now", ts: "1772442840.000200"), "Ev0A1"));
        using var retry = await h.Client.SendAsync(h.Requests.Event(SlackEvents.Message("C0INC0042", "rolling back now", ts: "1772442840.000200"), "Ev0A1", retryNum: 1));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var events = h.Sink.Events.ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(
            new MessagePosted("slack", "Ev0A1", "C0INC0042", DateTimeOffset.FromUnixTimeSeconds(1772442840).AddTicks(2000), "1772442840.000200", "U0TESTER01", null, "rolling back now", null),
            e));
    }

    [Fact]
    public async Task When_the_sink_fails_the_answer_is_503_so_Slack_retries()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Sink.Broken = true;

        using var failed = await h.Client.SendAsync(h.Requests.Event(SlackEvents.Message("C0INC0042", "x"), "Ev0B1"));
        h.Sink.Broken = false;
        using var retried = await h.Client.SendAsync(h.Requests.Event(SlackEvents.Message("C0INC0042", "x"), "Ev0B1", retryNum: 1));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Ev0B1", Assert.Single(h.Sink.Events).EventId);
    }

    [Fact]
    public async Task Edits_deletions_pins_and_pushpins_arrive_and_the_rest_is_acknowledged_and_ignored()
    {
        await using var h = await SlackHarness.StartAsync();
        JsonObject[] inner =
        [
            JsonNode.Parse("""{"type":"message","subtype":"message_changed","channel":"C1","ts":"1700000009.000001","message":{"user":"U1","text":"new","ts":"1700000001.000200","edited":{"user":"U1","ts":"1700000009.000001"}},"previous_message":{"user":"U1","text":"old","ts":"1700000001.000200"}}""")!.AsObject(),
            JsonNode.Parse("""{"type":"message","subtype":"message_deleted","channel":"C1","ts":"1700000010.000001","deleted_ts":"1700000001.000200","hidden":true}""")!.AsObject(),
            JsonNode.Parse("""{"type":"pin_added","user":"U2","channel_id":"C1","item":{"type":"message","channel":"C1","message":{"user":"U1","text":"root cause","ts":"1700000001.000300"}},"event_ts":"1700000011.000001"}""")!.AsObject(),
            JsonNode.Parse("""{"type":"reaction_added","user":"U3","reaction":"pushpin","item_user":"U1","item":{"type":"message","channel":"C1","ts":"1700000001.000400"},"event_ts":"1700000012.000001"}""")!.AsObject(),
            JsonNode.Parse("""{"type":"message","subtype":"channel_join","user":"U4","text":"<@U4> has joined the channel","ts":"1700000013.000001","channel":"C1"}""")!.AsObject(),
            JsonNode.Parse($$"""{"type":"message","channel":"C1","user":"{{FakeSlack.BotUserId}}","bot_id":"{{FakeSlack.BotId}}","app_id":"{{FakeSlack.AppId}}","text":"summary","ts":"1700000014.000001"}""")!.AsObject(),
        ];

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < inner.Length; i++)
        {
            using var response = await h.Client.SendAsync(h.Requests.Event(inner[i], $"Ev0C{i}"));
            statuses.Add(response.StatusCode);
        }

        using var rateLimited = await h.Client.SendAsync(h.Requests.Signed("/slack/events",
            """{"token": "Jhj5dZrVaK7ZwHHjRyZWjbDl", "type": "app_rate_limited", "team_id": "T123ABC456", "minute_rate_limited": 1518467820, "api_app_id": "A123ABC456"}""", "application/json"));

        Assert.All(statuses.Append(rateLimited.StatusCode), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Collection(h.Sink.Events,
            e => Assert.Equal(("1700000001.000200", "new"), (Assert.IsType<MessageEdited>(e).MessageId, ((MessageEdited)e).NewText)),
            e => Assert.Equal("1700000001.000200", Assert.IsType<MessageDeleted>(e).MessageId),
            e => Assert.Equal(("1700000001.000300", "pin"), (Assert.IsType<MessageMarkedKey>(e).MessageId, ((MessageMarkedKey)e).How)),
            e => Assert.Equal(("1700000001.000400", "reaction"), (Assert.IsType<MessageMarkedKey>(e).MessageId, ((MessageMarkedKey)e).How)));
    }

    [Fact]
    public async Task Without_a_sink_events_are_acknowledged_and_dropped()
    {
        await using var h = await SlackHarness.StartAsync(withSink: false);

        using var response = await h.Client.SendAsync(h.Requests.Event(SlackEvents.Message("C1", "hello"), "Ev0D1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(h.Sink.Events);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        await using var h = await SlackHarness.StartAsync();

        using var response = await h.Client.SendAsync(h.Requests.Signed("/slack/events", "{not json", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>Inner events as Slack sends them.</summary>
public static class SlackEvents
{
    public static JsonObject Message(string channel, string text, string user = "U0TESTER01", string ts = "1700000001.000200") => new()
    {
        ["type"] = "message", ["channel"] = channel, ["user"] = user, ["text"] = text, ["ts"] = ts, ["event_ts"] = ts, ["channel_type"] = "channel",
    };
}
