namespace ChatOps.Chat.Events;

/// <summary>
/// Something that happened in a channel, in neutral form. <see cref="EventId"/> is the platform's
/// delivery id (Slack event_id, Teams activity id) and de-duplicates redeliveries; message ids
/// (Slack ts) de-duplicate a second delivery of the same message under another event id.
/// </summary>
public abstract record ChannelEvent(string Platform, string EventId, string ChannelId, DateTimeOffset At);

public sealed record MessagePosted(
    string Platform, string EventId, string ChannelId, DateTimeOffset At,
    string MessageId, string? UserId, string? UserName, string Text, string? ThreadRef)
    : ChannelEvent(Platform, EventId, ChannelId, At);

public sealed record MessageEdited(
    string Platform, string EventId, string ChannelId, DateTimeOffset At,
    string MessageId, string? EditedBy, string NewText)
    : ChannelEvent(Platform, EventId, ChannelId, At);

public sealed record MessageDeleted(
    string Platform, string EventId, string ChannelId, DateTimeOffset At,
    string MessageId, string? DeletedBy)
    : ChannelEvent(Platform, EventId, ChannelId, At);

/// <summary>A pin or a pushpin reaction: the message is a key event.</summary>
public sealed record MessageMarkedKey(
    string Platform, string EventId, string ChannelId, DateTimeOffset At,
    string MessageId, string? UserId, string How)
    : ChannelEvent(Platform, EventId, ChannelId, At);

/// <summary>What the webhook should answer: recorded, a redelivery, or not an incident channel.</summary>
public enum IngestOutcome
{
    Recorded,
    Duplicate,
    Ignored,
}

/// <summary>Writes channel events into the incident timeline (implemented by Timeline/).</summary>
public interface IChannelEventSink
{
    Task<IngestOutcome> IngestAsync(ChannelEvent channelEvent, CancellationToken ct);
}
