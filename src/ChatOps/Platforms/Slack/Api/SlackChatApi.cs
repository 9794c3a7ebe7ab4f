using System.Text.Json.Nodes;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>chat.postMessage, chat.update, chat.postEphemeral. Never sends link_names or parse=full.</summary>
public sealed class SlackChatApi(SlackApi api)
{
    public Task<SlackAnswer> PostMessageAsync(string channelId, ChatMessage message, CancellationToken ct, string? threadTs = null)
    {
        var body = SlackBlockRenderer.Render(message);
        body["channel"] = channelId;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        return api.PostJsonAsync("chat.postMessage", body, SlackApi.In(channelId), ct);
    }

    public async Task UpdateAsync(string channelId, string ts, ChatMessage message, CancellationToken ct)
    {
        var body = SlackBlockRenderer.Render(message);
        body["channel"] = channelId;
        body["ts"] = ts;
        (await api.PostJsonAsync("chat.update", body, SlackApi.In(channelId), ct)).Expect();
    }

    public Task<SlackAnswer> PostEphemeralAsync(string channelId, string userId, ChatMessage message, CancellationToken ct)
    {
        var body = SlackBlockRenderer.Render(message);
        body["channel"] = channelId;
        body["user"] = userId;
        return api.PostJsonAsync("chat.postEphemeral", body, $" in {channelId} for {userId}", ct);
    }

    /// <summary>The body for a response_url or a slash-command answer: the message plus who sees it.</summary>
    public static JsonObject ResponseBody(ChatMessage message, bool ephemeral)
    {
        var body = SlackBlockRenderer.Render(message);
        body["response_type"] = ephemeral ? "ephemeral" : "in_channel";
        return body;
    }
}
