using System.Text.Json;
using ChatOps.Chat.Events;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// An event_callback envelope to a neutral <see cref="ChannelEvent"/>, or null for everything the
/// timeline does not record (joins, topic changes, other reactions, the bot's own posts).
/// </summary>
public static class SlackEventMapper
{
    private const string Platform = SlackPlatform.PlatformName;

    public static ChannelEvent? Map(JsonElement envelope, DateTimeOffset now)
    {
        var eventId = envelope.Str("event_id");
        var inner = envelope.Obj("event");
        if (eventId is null || inner.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var self = new Self(envelope.Str("api_app_id"), BotUsers(envelope));
        var at = SlackJson.TsToInstant(inner.Str("event_ts")) ?? now;
        return inner.Str("type") switch
        {
            "message" => MapMessage(inner, eventId, self, at),
            "pin_added" => MapPin(inner, eventId, self, at),
            "reaction_added" => MapReaction(inner, eventId, self, at),
            _ => null,
        };
    }

    private static ChannelEvent? MapMessage(JsonElement e, string eventId, Self self, DateTimeOffset at)
    {
        var channel = e.Str("channel");
        if (channel is null)
        {
            return null;
        }

        switch (e.Str("subtype"))
        {
            case null or "thread_broadcast" or "file_share":
                var ts = e.Str("ts");
                if (ts is null || self.Wrote(e))
                {
                    return null;
                }

                var thread = e.Str("thread_ts");
                return new MessagePosted(Platform, eventId, channel, SlackJson.TsToInstant(ts) ?? at, ts, e.Str("user"),
                    UserName(e), MessageText(e), thread == ts ? null : thread);

            case "message_changed":
                var message = e.Obj("message");
                var original = message.Str("ts");
                var text = message.Str("text") ?? string.Empty;
                // Unfurls and reply counts also arrive as message_changed; only a new text is an edit.
                if (original is null || self.Wrote(message) || text == e.Obj("previous_message").Str("text"))
                {
                    return null;
                }

                var edited = message.Obj("edited");
                return new MessageEdited(Platform, eventId, channel, SlackJson.TsToInstant(edited.Str("ts")) ?? at, original,
                    edited.Str("user") ?? message.Str("user"), text);

            case "message_deleted":
                var deleted = e.Str("deleted_ts");
                return deleted is null || self.Wrote(e.Obj("previous_message"))
                    ? null
                    : new MessageDeleted(Platform, eventId, channel, at, deleted, null);

            default:
                return null;
        }
    }

    private static MessageMarkedKey? MapPin(JsonElement e, string eventId, Self self, DateTimeOffset at)
    {
        var item = e.Obj("item");
        var message = item.Obj("message");
        var channel = e.Str("channel_id") ?? item.Str("channel");
        var ts = message.Str("ts");
        if (item.Str("type") != "message" || channel is null || ts is null || self.Wrote(message))
        {
            return null;
        }

        return new MessageMarkedKey(Platform, eventId, channel, at, ts, e.Str("user"), "pin");
    }

    private static MessageMarkedKey? MapReaction(JsonElement e, string eventId, Self self, DateTimeOffset at)
    {
        var item = e.Obj("item");
        var channel = item.Str("channel");
        var ts = item.Str("ts");
        if (e.Str("reaction") != "pushpin" || item.Str("type") != "message" || channel is null || ts is null
            || self.BotUsers.Contains(e.Str("item_user") ?? string.Empty))
        {
            return null;
        }

        return new MessageMarkedKey(Platform, eventId, channel, at, ts, e.Str("user"), "reaction");
    }

    private static string MessageText(JsonElement e)
    {
        var text = e.Str("text") ?? string.Empty;
        if (text.Length > 0)
        {
            return text;
        }

        var files = e.Items("files").Select(f => f.Str("title") ?? f.Str("name")).OfType<string>().ToList();
        return files.Count == 0 ? string.Empty : "[file] " + string.Join(", ", files);
    }

    private static string? UserName(JsonElement e)
    {
        var profile = e.Obj("user_profile");
        return new[] { profile.Str("display_name"), profile.Str("real_name"), profile.Str("name"), e.Str("username") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
    }

    /// <summary>The installation's bot user ids (authorizations with is_bot), to recognise the bot's own posts.</summary>
    private static HashSet<string> BotUsers(JsonElement envelope) =>
    [
        .. envelope.Items("authorizations")
            .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("is_bot", out var bot) && bot.ValueKind == JsonValueKind.True)
            .Select(a => a.Str("user_id"))
            .OfType<string>(),
    ];

    private sealed record Self(string? AppId, HashSet<string> BotUsers)
    {
        /// <summary>Posted by this app: the timeline already has what the bot said, from the feature that said it.</summary>
        public bool Wrote(JsonElement message) =>
            message.ValueKind == JsonValueKind.Object
            && ((AppId is not null && message.Str("app_id") == AppId) || BotUsers.Contains(message.Str("user") ?? string.Empty));
    }
}
