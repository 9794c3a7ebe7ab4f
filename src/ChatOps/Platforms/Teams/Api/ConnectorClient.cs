using System.Text.Json.Nodes;
using ChatOps.Chat;

namespace ChatOps.Platforms.Teams.Api;

/// <summary>
/// Bot Connector REST (protocol digest §12.2) at a conversation's serviceUrl: send, reply, create
/// a channel thread or a personal chat, update. Conversation ids are escaped into the path (they
/// hold ':', '@' and ';').
/// </summary>
public sealed class ConnectorClient(TeamsHttp http, TeamsTokens tokens)
{
    public async Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken ct)
    {
        var answer = await CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, $"a post in {conversationId}", ct);
        return Id(answer, "id", "a post");
    }

    public async Task<string> ReplyAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct)
    {
        activity["replyToId"] = activityId;
        var answer = await CallAsync(HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, $"a reply in {conversationId}", ct);
        return answer?["id"]?.GetValue<string>() ?? activityId;
    }

    /// <summary>A new thread in a Teams channel; returns the new message's activity id.</summary>
    public async Task<string> StartThreadAsync(string serviceUrl, string channelId, string? tenantId, JsonObject activity, CancellationToken ct)
    {
        var channelData = new JsonObject { ["channel"] = new JsonObject { ["id"] = channelId } };
        if (tenantId is not null)
        {
            channelData["tenant"] = new JsonObject { ["id"] = tenantId };
        }

        var answer = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations",
            new JsonObject { ["isGroup"] = true, ["channelData"] = channelData, ["activity"] = activity }, $"a new thread in {channelId}", ct);
        return Id(answer, "activityId", "a new thread");
    }

    /// <summary>Opens (or finds) the personal chat between the bot and a user; returns its conversation id.</summary>
    public async Task<string> OpenPersonalAsync(string serviceUrl, string botId, string userId, string? tenantId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["isGroup"] = false,
        };
        if (tenantId is not null)
        {
            body["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        }

        var answer = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, $"a personal chat with {userId}", ct);
        return Id(answer, "id", "a personal chat");
    }

    /// <summary>A member's display name as the conversation's roster knows it, or null when they are not in it.</summary>
    public async Task<string?> MemberNameAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        try
        {
            var answer = await CallAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}", null,
                $"the member {userId} of {conversationId}", ct);
            return answer?["name"]?.GetValue<string>();
        }
        catch (ChatPlatformException ex) when (TeamsRefusal.Of(ex)?.Status is 400 or 403 or 404)
        {
            return null;
        }
    }

    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct)
    {
        activity["id"] = activityId;
        return CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity,
            $"an update of {activityId} in {conversationId}", ct);
    }

    private async Task<JsonObject?> CallAsync(HttpMethod method, string serviceUrl, string path, JsonObject? body, string what, CancellationToken ct)
    {
        if (!Uri.TryCreate(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", UriKind.Absolute, out var baseUrl))
        {
            throw new ChatPlatformException($"the serviceUrl '{serviceUrl}' is not a URL", permanent: true);
        }

        var token = await tokens.ConnectorAsync(ct);
        return await http.SendAsync(method, new Uri(baseUrl, path), token, body, what, ct);
    }

    private static string Id(JsonObject? answer, string property, string what) =>
        answer?[property]?.GetValue<string>() is { Length: > 0 } id
            ? id
            : throw new ChatPlatformException($"the Bot Connector answered {what} without an {property}", permanent: false);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
