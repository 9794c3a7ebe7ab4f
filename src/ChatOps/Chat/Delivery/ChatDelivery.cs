using System.Data.Common;
using System.Text.Json;
using ChatOps.Chat.Messages;
using ChatOps.Storage.Outbox;

namespace ChatOps.Chat.Delivery;

/// <summary>
/// Enqueues must-deliver chat work in the caller's transaction. Rows for one destination share a
/// queue key, so they arrive in the order they were written.
/// </summary>
public sealed class ChatDelivery(OutboxStore outbox, OutboxSignal signal)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<bool> PostAsync(DbConnection c, DbTransaction tx, string platform, string channelId, ChatMessage message,
        long? incident = null, string? purpose = null, bool pin = false, string? dedupeKey = null, CancellationToken ct = default) =>
        EnqueueAsync(c, tx, new PostPayload(platform, channelId, message, purpose, pin), $"{platform}:{channelId}", ChatKinds.Post, incident, dedupeKey, ct);

    public Task<bool> DirectAsync(DbConnection c, DbTransaction tx, string platform, string userId, ChatMessage message,
        long? incident = null, string? dedupeKey = null, CancellationToken ct = default) =>
        EnqueueAsync(c, tx, new DirectPayload(platform, userId, message), $"{platform}:dm:{userId}", ChatKinds.Direct, incident, dedupeKey, ct);

    public Task<bool> ReplyAsync(DbConnection c, DbTransaction tx, string platform, ReplyTarget target, ChatMessage message,
        long? incident = null, CancellationToken ct = default) =>
        EnqueueAsync(c, tx, new ReplyPayload(platform, target, message), $"{platform}:reply:{target.ChannelId}:{target.UserId}", ChatKinds.Reply, incident, null, ct);

    /// <summary>Replaces an earlier post found by its purpose ("summary") in the same channel.</summary>
    public Task<bool> UpdateAsync(DbConnection c, DbTransaction tx, string platform, string channelId, string purpose, ChatMessage message,
        long? incident = null, CancellationToken ct = default) =>
        EnqueueAsync(c, tx, new UpdatePayload(platform, channelId, purpose, message), $"{platform}:{channelId}", ChatKinds.Update, incident, null, ct);

    public Task<bool> UploadAsync(DbConnection c, DbTransaction tx, string platform, string channelId, ChatFile file,
        long? incident = null, string? dedupeKey = null, CancellationToken ct = default) =>
        EnqueueAsync(c, tx, new UploadPayload(platform, channelId, file), $"{platform}:{channelId}", ChatKinds.Upload, incident, dedupeKey, ct);

    /// <summary>Call after the transaction commits so the dispatcher delivers without waiting for its poll.</summary>
    public void Wake() => signal.Notify();

    private Task<bool> EnqueueAsync<T>(DbConnection c, DbTransaction tx, T payload, string queue, string kind, long? incident, string? dedupeKey, CancellationToken ct) =>
        outbox.EnqueueAsync(c, tx, new OutboxMessage(queue, kind, JsonSerializer.Serialize(payload, Json), incident, dedupeKey), ct);
}

public static class ChatKinds
{
    public const string Post = "chat.post";
    public const string Direct = "chat.direct";
    public const string Reply = "chat.reply";
    public const string Update = "chat.update";
    public const string Upload = "chat.upload";
}

public sealed record PostPayload(string Platform, string ChannelId, ChatMessage Message, string? Purpose, bool Pin);

public sealed record DirectPayload(string Platform, string UserId, ChatMessage Message);

public sealed record ReplyPayload(string Platform, ReplyTarget Target, ChatMessage Message);

public sealed record UpdatePayload(string Platform, string ChannelId, string Purpose, ChatMessage Message);

public sealed record UploadPayload(string Platform, string ChannelId, ChatFile File);
