using ChatOps.Chat.Events;

namespace ChatOps.Platforms.Teams.Inbound;

/// <summary>
/// Channel activities the bot is not addressed in (it reads them with the ChannelMessage.Read.Group
/// permission) to neutral timeline events. An edit or deletion carries the id of the message it
/// changes, so its delivery id adds what happened and when.
/// </summary>
public static class TeamsEventMapper
{
    public static ChannelEvent? Map(TeamsActivity a, DateTimeOffset now)
    {
        if (a.Id is null || a.TeamsChannelId is not { } channel)
        {
            return null;
        }

        var at = a.Timestamp ?? now;
        switch (a.Type)
        {
            case "message" when a.Value is null && !string.IsNullOrWhiteSpace(a.Text):
                return new MessagePosted(TeamsPlatform.PlatformName, a.Id, channel, at, a.Id, a.From?.Id, a.From?.Name,
                    TeamsText.Readable(a), ThreadRoot(a) is { } root && root != a.Id ? root : null);

            case "messageUpdate" when a.EventType is null or "editMessage":
                return new MessageEdited(TeamsPlatform.PlatformName, $"{a.Id}:edit:{at.UtcTicks}", channel, at, a.Id, a.From?.Id, TeamsText.Readable(a));

            case "messageDelete":
                return new MessageDeleted(TeamsPlatform.PlatformName, $"{a.Id}:delete", channel, at, a.Id, a.From?.Id);

            default:
                return null;
        }
    }

    /// <summary>The root message id of a channel thread ("19:...@thread.tacv2;messageid=1485983408511").</summary>
    public static string? ThreadRoot(TeamsActivity a)
    {
        const string marker = ";messageid=";
        var index = a.ConversationId.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return index < 0 ? null : a.ConversationId[(index + marker.Length)..];
    }
}
