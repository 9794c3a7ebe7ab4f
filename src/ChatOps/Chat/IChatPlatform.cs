using ChatOps.Chat.Messages;

namespace ChatOps.Chat;

/// <summary>
/// The port every chat platform implements (Slack, Teams, the local playground). Features talk
/// to this and to <see cref="ChatMessage"/> only; they never see a platform's wire types.
/// Methods throw <see cref="ChatPlatformException"/> with a readable message and a verdict.
/// </summary>
public interface IChatPlatform
{
    /// <summary>"slack", "teams" or "local": stored with incidents and outbox rows.</summary>
    string Name { get; }

    /// <summary>Where stakeholders follow incidents on this platform, if configured.</summary>
    string? BroadcastChannel { get; }

    /// <summary>Users invited to every incident channel on this platform besides the declarer.</summary>
    IReadOnlyList<string> DefaultResponders { get; }

    /// <summary>Creates a channel, adapting <paramref name="name"/> to the platform's rules and adding a suffix when taken.</summary>
    Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct);

    /// <summary>Invites users; users already present are not an error.</summary>
    Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct);

    Task SetTopicAsync(string channelId, string topic, CancellationToken ct);

    /// <summary>Posts a message and returns its platform id (Slack ts, Teams activity id).</summary>
    Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct);

    Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct);

    /// <summary>Pins a message; already pinned is not an error. Platforms without pins do nothing.</summary>
    Task PinAsync(string channelId, string messageId, CancellationToken ct);

    /// <summary>A direct message to one user (escalations).</summary>
    Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct);

    /// <summary>Answers the person who ran a command, after the webhook was acknowledged.</summary>
    Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct);

    Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct);

    /// <summary>Opens a form for the user behind <paramref name="trigger"/> (Slack trigger_id; must be quick).</summary>
    Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct);

    /// <summary>A user's profile, or null when the platform does not know the id.</summary>
    Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct);

    /// <summary>Members of a user group (Slack user groups); empty where the platform has none.</summary>
    Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct);

    /// <summary>A link people can click to open the channel, when the platform has one.</summary>
    string? ChannelUrl(string channelId);
}

public sealed record ChatChannel(string Id, string Name);

public sealed record ChatUser(string Id, string DisplayName, string? TimeZone);

/// <summary>A file to attach in a channel (postmortem drafts, long diagnostics output).</summary>
public sealed record ChatFile(string FileName, string Title, string Content, string? Comment = null);

/// <summary>
/// Where a delayed answer goes: the channel and user of the command, plus the platform's own
/// handle (Slack response_url, Teams conversation/activity ids), opaque to features.
/// </summary>
public sealed record ReplyTarget(string ChannelId, string UserId, bool Ephemeral = true, string? Handle = null, DateTimeOffset? IssuedAt = null);

/// <summary>A platform call failed. Permanent failures (no such channel, missing scope) are not retried.</summary>
public sealed class ChatPlatformException(string message, bool permanent, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
