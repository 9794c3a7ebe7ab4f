using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>The Web API methods, with the argument checks and errors Slack documents for them.</summary>
public sealed partial class FakeSlack
{
    private FakeAnswer Handle(string method, JsonObject body)
    {
        lock (_gate)
        {
            return method switch
            {
                "auth.test" => FakeAnswer.Ok(new JsonObject { ["team_id"] = TeamId, ["user_id"] = BotUserId, ["bot_id"] = BotId, ["url"] = BaseAddress.ToString() }),
                "chat.postMessage" => PostMessage(body),
                "chat.update" => Update(body),
                "chat.postEphemeral" => PostEphemeral(body),
                "views.open" => OpenView(body),
                "users.info" => UserInfo(body),
                "usergroups.users.list" => _groups.TryGetValue(body.Str("usergroup") ?? "", out var members)
                    ? FakeAnswer.Ok(new JsonObject { ["users"] = new JsonArray([.. members.Select(m => JsonValue.Create(m))]) })
                    : FakeAnswer.Error("no_such_subteam"),
                _ when method.StartsWith("conversations.", StringComparison.Ordinal) || method is "pins.add" or "bookmarks.add" => Conversations(method, body),
                _ when method.StartsWith("files.", StringComparison.Ordinal) => FilesMethod(method, body),
                _ => FakeAnswer.Error("unknown_method", status: HttpStatusCode.NotFound),
            };
        }
    }

    private FakeAnswer PostMessage(JsonObject body)
    {
        if (Target(body.Str("channel"), out var channel) is { } refused)
        {
            return refused;
        }

        if (channel.IsPrivate && !channel.Members.Contains(BotUserId))
        {
            return FakeAnswer.Error("not_in_channel");
        }

        if (CheckContent(body) is { } invalid)
        {
            return invalid;
        }

        var message = new MessageState(NewTs(), BotUserId, body.Str("text"), body.Array("blocks"), body.Str("thread_ts"));
        channel.Messages.Add(message);
        return FakeAnswer.Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts, ["message"] = Describe(message) });
    }

    private FakeAnswer Update(JsonObject body)
    {
        if (Target(body.Str("channel"), out var channel) is { } refused)
        {
            return refused;
        }

        var message = channel.Messages.FirstOrDefault(m => m.Ts == body.Str("ts"));
        if (message is null)
        {
            return FakeAnswer.Error("message_not_found");
        }

        if (message.User != BotUserId)
        {
            return FakeAnswer.Error("cant_update_message");
        }

        if (CheckContent(body) is { } invalid)
        {
            return invalid;
        }

        message.Text = body.Str("text");
        message.Blocks = body.Array("blocks") ?? message.Blocks;
        message.Edits++;
        return FakeAnswer.Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts, ["text"] = message.Text });
    }

    private FakeAnswer PostEphemeral(JsonObject body)
    {
        if (Target(body.Str("channel"), out var channel) is { } refused)
        {
            return refused;
        }

        var user = body.Str("user") ?? string.Empty;
        if (!channel.Members.Contains(user))
        {
            return FakeAnswer.Error("user_not_in_channel");
        }

        if (CheckContent(body) is { } invalid)
        {
            return invalid;
        }

        _ephemerals.Add(new FakeSlackEphemeral(channel.Id, user, body.Str("text"), body.Array("blocks")));
        return FakeAnswer.Ok(new JsonObject { ["message_ts"] = NewTs() });
    }

    private FakeAnswer OpenView(JsonObject body)
    {
        if (string.IsNullOrEmpty(body.Str("trigger_id")))
        {
            return FakeAnswer.Error("invalid_trigger_id");
        }

        if (body["view"] is not JsonObject view || FakeSlackBlocks.CheckView(view) is not null)
        {
            return FakeAnswer.Error("invalid_arguments");
        }

        var opened = (JsonObject)view.DeepClone();
        opened["id"] = NewId("V");
        opened["trigger_id"] = body.Str("trigger_id");
        _views.Add(opened);
        return FakeAnswer.Ok(new JsonObject { ["view"] = opened.DeepClone() });
    }

    private FakeAnswer UserInfo(JsonObject body)
    {
        var id = body.Str("user") ?? string.Empty;
        if (!UserExists(id))
        {
            return FakeAnswer.Error("user_not_found");
        }

        var (name, tz) = _users.GetValueOrDefault(id, (id.ToLowerInvariant(), "UTC"));
        return FakeAnswer.Ok(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = id, ["name"] = name, ["real_name"] = name, ["tz"] = tz, ["is_bot"] = id == BotUserId,
                ["profile"] = new JsonObject { ["display_name"] = name, ["real_name"] = name },
            },
        });
    }

    /// <summary>Resolves a channel id (or a user id, as Slack allows for DMs) the bot can post to.</summary>
    private FakeAnswer? Target(string? id, out ChannelState channel)
    {
        channel = null!;
        if (id is not null && _directChannels.TryGetValue(id, out var dm))
        {
            id = dm;
        }

        if (id is null || !_channels.TryGetValue(id, out var found))
        {
            return FakeAnswer.Error("channel_not_found");
        }

        channel = found;
        return found.IsArchived ? FakeAnswer.Error("is_archived") : null;
    }

    private static FakeAnswer? CheckContent(JsonObject body)
    {
        if (body.Str("parse") == "full" || body.Flag("link_names"))
        {
            // Never expected from ChatOps (mention injection); fail loudly so a test notices.
            return FakeAnswer.Error("invalid_arguments", new JsonObject { ["response_metadata"] = new JsonObject { ["messages"] = new JsonArray("[ERROR] fake: parse=full/link_names sent") } });
        }

        var blocks = body.Array("blocks");
        if (string.IsNullOrEmpty(body.Str("text")) && (blocks is null || blocks.Count == 0))
        {
            return FakeAnswer.Error("no_text");
        }

        if ((body.Str("text")?.Length ?? 0) > 40_000)
        {
            return FakeAnswer.Error("msg_too_long");
        }

        return blocks is not null && FakeSlackBlocks.Check(blocks, FakeSlackBlocks.MessageLimit) is { } problem
            ? FakeAnswer.Error("invalid_blocks", new JsonObject { ["response_metadata"] = new JsonObject { ["messages"] = new JsonArray($"[ERROR] {problem}") } })
            : null;
    }

    private bool UserExists(string id) => !_missingUsers.Contains(id) && (_users.ContainsKey(id) || UserIdShape().IsMatch(id));

    private static JsonObject Describe(MessageState message) => new()
    {
        ["type"] = "message", ["user"] = message.User, ["bot_id"] = BotId, ["app_id"] = AppId, ["ts"] = message.Ts, ["text"] = message.Text,
    };

    [GeneratedRegex("^[UW][A-Z0-9]{2,30}$")]
    private static partial Regex UserIdShape();
}
