using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>conversations.*, pins.add and bookmarks.add.</summary>
public sealed partial class FakeSlack
{
    private FakeAnswer Conversations(string method, JsonObject body)
    {
        if (method == "conversations.create")
        {
            return Create(body.Str("name") ?? string.Empty, body.Flag("is_private"));
        }

        if (method == "conversations.open")
        {
            return OpenDirect(body.Str("users") ?? string.Empty);
        }

        var id = body.Str("channel") ?? body.Str("channel_id");
        if (id is null || !_channels.TryGetValue(id, out var channel))
        {
            return FakeAnswer.Error("channel_not_found");
        }

        if (method == "conversations.info")
        {
            return FakeAnswer.Ok(new JsonObject { ["channel"] = ChannelObject(channel) });
        }

        if (channel.IsArchived)
        {
            return FakeAnswer.Error("is_archived");
        }

        if (method == "conversations.join")
        {
            if (channel.IsPrivate)
            {
                return FakeAnswer.Error("method_not_supported_for_channel_type");
            }

            var joined = channel.Members.Add(BotUserId);
            var answer = new JsonObject { ["channel"] = ChannelObject(channel) };
            if (!joined)
            {
                answer["warning"] = "already_in_channel";
            }

            return FakeAnswer.Ok(answer);
        }

        if (!channel.Members.Contains(BotUserId))
        {
            return FakeAnswer.Error("not_in_channel");
        }

        return method switch
        {
            "conversations.invite" => Invite(channel, body.Str("users") ?? string.Empty, body.Flag("force")),
            "conversations.setTopic" => SetText(body.Str("topic"), t => channel.Topic = t),
            "conversations.setPurpose" => SetText(body.Str("purpose"), p => channel.Purpose = p),
            "pins.add" => Pin(channel, body.Str("timestamp")),
            "bookmarks.add" => Bookmark(channel, body),
            _ => FakeAnswer.Error("unknown_method", status: HttpStatusCode.NotFound),
        };
    }

    private FakeAnswer Create(string name, bool isPrivate)
    {
        if (name.Length == 0)
        {
            return FakeAnswer.Error("invalid_name_required");
        }

        if (name.Length > 80)
        {
            return FakeAnswer.Error("invalid_name_maxlength");
        }

        if (!ChannelNameShape().IsMatch(name))
        {
            return FakeAnswer.Error(name.All(c => !char.IsLetterOrDigit(c)) ? "invalid_name_punctuation" : "invalid_name_specials");
        }

        if (_takenNames.Contains(name) || _channels.Values.Any(c => c.Name == name))
        {
            return FakeAnswer.Error("name_taken");
        }

        var channel = new ChannelState(NewId(isPrivate ? "G" : "C"), name, isPrivate);
        channel.Members.Add(BotUserId);
        _channels[channel.Id] = channel;
        return FakeAnswer.Ok(new JsonObject { ["channel"] = ChannelObject(channel) });
    }

    private FakeAnswer OpenDirect(string users)
    {
        if (users.Length == 0 || users.Contains(',', StringComparison.Ordinal) || !UserExists(users))
        {
            return FakeAnswer.Error(users.Length == 0 ? "users_list_not_supplied" : "user_not_found");
        }

        if (!_directChannels.TryGetValue(users, out var id))
        {
            var dm = new ChannelState(NewId("D"), users, isPrivate: true, isDirect: true);
            dm.Members.UnionWith([BotUserId, users]);
            _channels[dm.Id] = dm;
            _directChannels[users] = id = dm.Id;
        }

        return FakeAnswer.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = id } });
    }

    private FakeAnswer Invite(ChannelState channel, string users, bool force)
    {
        var ids = users.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return FakeAnswer.Error("no_user");
        }

        if (ids.Length > 100)
        {
            return FakeAnswer.Error("too_many_users");
        }

        var errors = new JsonArray();
        foreach (var user in ids)
        {
            var error = user == BotUserId ? "cant_invite_self"
                : !UserExists(user) ? "user_not_found"
                : channel.Members.Contains(user) ? "already_in_channel"
                : null;
            if (error is not null)
            {
                errors.Add(new JsonObject { ["user"] = user, ["ok"] = false, ["error"] = error });
            }
        }

        // Without force Slack invites nobody when one id is bad; with it, the valid ones.
        if (errors.Count == 0 || force)
        {
            channel.Members.UnionWith(ids.Where(u => u != BotUserId && UserExists(u)));
        }

        if (errors.Count == 0)
        {
            return FakeAnswer.Ok(new JsonObject { ["channel"] = ChannelObject(channel) });
        }

        var first = errors[0]!["error"]!.GetValue<string>();
        return ids.Length == 1 ? FakeAnswer.Error(first) : FakeAnswer.Error(first, new JsonObject { ["errors"] = errors });
    }

    private static FakeAnswer SetText(string? text, Action<string> set)
    {
        if (text is null)
        {
            return FakeAnswer.Error("invalid_arguments");
        }

        if (text.Length > 250)
        {
            return FakeAnswer.Error("too_long");
        }

        set(text);
        return FakeAnswer.Ok();
    }

    private static FakeAnswer Pin(ChannelState channel, string? ts)
    {
        if (ts is null)
        {
            return FakeAnswer.Error("no_item_specified");
        }

        if (channel.Messages.All(m => m.Ts != ts))
        {
            return FakeAnswer.Error("message_not_found");
        }

        if (channel.Pins.Contains(ts))
        {
            return FakeAnswer.Error("already_pinned");
        }

        channel.Pins.Add(ts);
        return FakeAnswer.Ok();
    }

    private FakeAnswer Bookmark(ChannelState channel, JsonObject body)
    {
        var link = body.Str("link");
        if (body.Str("type") != "link" || !Uri.TryCreate(link, UriKind.Absolute, out _))
        {
            return FakeAnswer.Error("invalid_link");
        }

        var bookmark = new FakeSlackBookmark(NewId("Bk"), body.Str("title") ?? string.Empty, link!);
        channel.Bookmarks.Add(bookmark);
        return FakeAnswer.Ok(new JsonObject { ["bookmark"] = new JsonObject { ["id"] = bookmark.Id, ["title"] = bookmark.Title, ["link"] = bookmark.Link } });
    }

    private static JsonObject ChannelObject(ChannelState channel) => new()
    {
        ["id"] = channel.Id, ["name"] = channel.Name, ["is_channel"] = !channel.IsPrivate, ["is_private"] = channel.IsPrivate,
        ["is_archived"] = channel.IsArchived, ["is_member"] = channel.Members.Contains(BotUserId), ["creator"] = BotUserId,
        ["topic"] = new JsonObject { ["value"] = channel.Topic }, ["purpose"] = new JsonObject { ["value"] = channel.Purpose },
        ["num_members"] = channel.Members.Count,
    };

    [GeneratedRegex("^[a-z0-9_-]{1,80}$")]
    private static partial Regex ChannelNameShape();
}
