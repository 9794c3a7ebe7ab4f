using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Fakes.Teams;

/// <summary>Activities as the Bot Connector delivers them from Teams (protocol digest §11, TV-13).</summary>
public sealed class TeamsActivities(string serviceUrl, TimeProvider clock)
{
    public const string TeamThreadId = "19:teamgeneral000000@thread.tacv2";
    private long _next = 1_772_445_600_000;

    public string NextId() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    /// <summary>A channel or personal-chat message; in a channel with <paramref name="mentionBot"/> it starts "&lt;at&gt;ChatOps&lt;/at&gt;".</summary>
    public JsonObject Message(string userId, string userName, string channel, string text, bool mentionBot = true, string? id = null, string? threadRoot = null,
        IReadOnlyList<(string Id, string Name)>? mentions = null)
    {
        var activityId = id ?? NextId();
        var entities = new JsonArray();
        var body = text;
        if (mentionBot)
        {
            body = $"<at>{FakeTeams.BotName}</at> {text}";
            entities.Add(Mention(FakeTeams.BotId, FakeTeams.BotName));
        }

        foreach (var (mentionId, name) in mentions ?? [])
        {
            entities.Add(Mention(mentionId, name));
        }

        var activity = Base("message", activityId, userId, userName, channel, threadRoot ?? activityId);
        activity["text"] = body;
        activity["textFormat"] = "plain";
        activity["entities"] = entities;
        return activity;
    }

    /// <summary>An Action.Submit click: a message activity whose value is the action's data plus the inputs.</summary>
    public JsonObject Submit(string userId, string userName, string channel, JsonObject value, string cardActivityId)
    {
        var activity = Base("message", NextId(), userId, userName, channel, cardActivityId);
        activity["replyToId"] = cardActivityId;
        activity["value"] = value;
        return activity;
    }

    /// <summary>The bot added to a team (delivered in its General channel) or to a channel's conversation.</summary>
    public JsonObject Installed(string channel, string channelName = "General")
    {
        var activity = Base("conversationUpdate", NextId(), "29:installer", "Installer", channel, null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = FakeTeams.BotId });
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        activity["channelData"]!["channel"]!["name"] = channelName;
        return activity;
    }

    public JsonObject Edited(string userId, string userName, string channel, string messageId, string newText)
    {
        var activity = Base("messageUpdate", messageId, userId, userName, channel, messageId);
        activity["text"] = newText;
        activity["channelData"]!["eventType"] = "editMessage";
        return activity;
    }

    public JsonObject Deleted(string userId, string userName, string channel, string messageId)
    {
        var activity = Base("messageDelete", messageId, userId, userName, channel, messageId);
        activity["channelData"]!["eventType"] = "softDeleteMessage";
        return activity;
    }

    private JsonObject Base(string type, string id, string userId, string userName, string channel, string? threadRoot)
    {
        var personal = !channel.StartsWith("19:", StringComparison.Ordinal);
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeTeams.TenantId } };
        if (!personal)
        {
            channelData["team"] = new JsonObject { ["id"] = TeamThreadId, ["name"] = "Platform", ["aadGroupId"] = FakeTeams.TeamId };
            channelData["channel"] = new JsonObject { ["id"] = channel };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = userName, ["aadObjectId"] = Guid.NewGuid().ToString() },
            ["recipient"] = new JsonObject { ["id"] = FakeTeams.BotId, ["name"] = FakeTeams.BotName },
            ["conversation"] = personal
                ? new JsonObject { ["id"] = channel, ["conversationType"] = "personal", ["tenantId"] = FakeTeams.TenantId }
                : new JsonObject
                {
                    ["id"] = threadRoot is null ? channel : $"{channel};messageid={threadRoot}",
                    ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = FakeTeams.TenantId,
                },
            ["channelData"] = channelData,
            ["locale"] = "en-US",
        };
    }

    private static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
        ["text"] = $"<at>{name}</at>",
    };
}
