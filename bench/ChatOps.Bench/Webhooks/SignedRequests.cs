using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.Bench.Webhooks;

/// <summary>Slack webhook requests signed as Slack signs them (v0 HMAC-SHA256 of "v0:ts:body").</summary>
internal sealed class SignedRequests(string secret)
{
    public const string AppId = "ABENCHAPP1";

    public HttpRequestMessage Command(string command, string text, string userId, string channelId) =>
        Signed("/slack/commands", string.Join('&', new Dictionary<string, string>
        {
            ["team_id"] = "TBENCH0001", ["channel_id"] = channelId, ["user_id"] = userId, ["user_name"] = "bench", ["command"] = command,
            ["text"] = text, ["response_url"] = "http://127.0.0.1:9/response", ["trigger_id"] = "1.2.bench", ["api_app_id"] = AppId,
        }.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")), "application/x-www-form-urlencoded");

    /// <summary>A message posted in <paramref name="channel"/> by a person; <paramref name="retry"/> marks a redelivery.</summary>
    public HttpRequestMessage Message(string channel, string eventId, string ts, string text, bool retry = false)
    {
        var envelope = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "TBENCH0001", ["api_app_id"] = AppId, ["event_id"] = eventId,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["event"] = new JsonObject
            {
                ["type"] = "message", ["channel"] = channel, ["user"] = "UBENCHUSR1", ["text"] = text, ["ts"] = ts, ["event_ts"] = ts, ["channel_type"] = "channel",
            },
        };
        var request = Signed("/slack/events", envelope.ToJsonString(), "application/json");
        if (retry)
        {
            request.Headers.Add("X-Slack-Retry-Num", "1");
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }

    private HttpRequestMessage Signed(string path, string body, string contentType)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Content.Headers.ContentType!.CharSet = null;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{ts}:{body}"))));
        return request;
    }
}
