using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>
/// Requests as Slack sends them to ChatOps, signed with <paramref name="signingSecret"/> at the
/// clock's time (or a given timestamp). The signature is computed here independently of the
/// product code, so a bug there cannot cancel itself out in the tests.
/// </summary>
public sealed class SlackRequests(string signingSecret, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A slash command: POST /slack/commands, form-encoded like Slack's.</summary>
    public HttpRequestMessage Command(string command, string text, Uri? responseUrl = null, string userId = "U0TESTER01", string channelId = "C0TESTCHAN",
        string triggerId = "13345224609.738474920.8088930838d88f008e0", long? timestamp = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO", ["team_id"] = FakeSlack.TeamId, ["team_domain"] = "example", ["channel_id"] = channelId,
            ["channel_name"] = "test", ["user_id"] = userId, ["user_name"] = "tester", ["command"] = command, ["text"] = text,
            ["response_url"] = responseUrl?.ToString() ?? "https://hooks.slack.com/commands/1234/5678", ["trigger_id"] = triggerId, ["api_app_id"] = FakeSlack.AppId,
        };
        return Signed("/slack/commands", Form(fields), "application/x-www-form-urlencoded", timestamp);
    }

    /// <summary>An event_callback envelope around <paramref name="inner"/>, from the fake's app and bot.</summary>
    public HttpRequestMessage Event(JsonObject inner, string eventId, int? retryNum = null, long? timestamp = null)
    {
        var envelope = new JsonObject
        {
            ["token"] = "z26uFbvR1xHJEdHE1OQiO6t8", ["team_id"] = FakeSlack.TeamId, ["api_app_id"] = FakeSlack.AppId, ["event"] = inner,
            ["type"] = "event_callback", ["event_id"] = eventId, ["event_time"] = Now,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = FakeSlack.TeamId, ["user_id"] = FakeSlack.BotUserId, ["is_bot"] = true }),
        };
        var request = Signed("/slack/events", envelope.ToJsonString(), "application/json", timestamp);
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_error");
        }

        return request;
    }

    /// <summary>An interaction: POST /slack/interactions with payload=&lt;json&gt;.</summary>
    public HttpRequestMessage Interaction(JsonObject payload, long? timestamp = null) =>
        Signed("/slack/interactions", Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }), "application/x-www-form-urlencoded", timestamp);

    /// <summary>A block_actions payload for a click on a button whose value is <paramref name="value"/>.</summary>
    public static JsonObject ButtonClick(string value, Uri responseUrl, string userId = "U0CLICKER1", string channelId = "C0TESTCHAN", string triggerId = "trigger-click-1") => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = "clicker", ["name"] = "clicker", ["team_id"] = FakeSlack.TeamId },
        ["api_app_id"] = FakeSlack.AppId, ["token"] = "x", ["trigger_id"] = triggerId, ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = channelId, ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "test" },
        ["response_url"] = responseUrl.ToString(),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = "chatops-0", ["block_id"] = "b1", ["value"] = value,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Click" }, ["action_ts"] = "1700000001.000200",
        }),
    };

    /// <summary>A view_submission of <paramref name="view"/> (as views.open received it) with the typed values (block_id = action_id = field id).</summary>
    public static JsonObject Submission(JsonObject view, IReadOnlyDictionary<string, string> values, string userId = "U0TESTER01")
    {
        var submitted = (JsonObject)view.DeepClone();
        var state = new JsonObject();
        foreach (var (field, value) in values)
        {
            state[field] = new JsonObject { [field] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };
        }

        submitted["state"] = new JsonObject { ["values"] = state };
        return new JsonObject
        {
            ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = FakeSlack.TeamId },
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "tester", ["name"] = "tester" },
            ["api_app_id"] = FakeSlack.AppId, ["token"] = "x", ["trigger_id"] = "trigger-submit-1", ["view"] = submitted,
        };
    }

    /// <summary>Any body to any path, signed (or with <paramref name="signature"/> instead of the real signature).</summary>
    public HttpRequestMessage Signed(string path, string body, string contentType, long? timestamp = null, string? signature = null)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(signingSecret, ts, body));
        return request;
    }

    public static string Sign(string secret, string timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static string Form(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
