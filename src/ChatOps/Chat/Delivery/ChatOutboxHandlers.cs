using System.Text.Json;
using ChatOps.Storage.Outbox;

namespace ChatOps.Chat.Delivery;

/// <summary>Base for the chat outbox handlers: payload parsing and platform errors turned into delivery verdicts.</summary>
public abstract class ChatOutboxHandler<TPayload>(ChatPlatforms platforms) : IOutboxHandler
{
    public abstract string Kind { get; }

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<TPayload>(item.Payload, ChatDelivery.Json)
            ?? throw new DeliveryException($"unreadable {Kind} payload", permanent: true);
        try
        {
            await DeliverAsync(payload, item, platforms, ct);
        }
        catch (ChatPlatformException ex)
        {
            throw new DeliveryException(ex.Message, ex.Permanent, ex.RetryAfter, ex);
        }
    }

    protected abstract Task DeliverAsync(TPayload payload, OutboxItem item, ChatPlatforms platforms, CancellationToken ct);
}

public sealed class PostHandler(ChatPlatforms platforms, PostedMessageStore posted) : ChatOutboxHandler<PostPayload>(platforms)
{
    public override string Kind => ChatKinds.Post;

    protected override async Task DeliverAsync(PostPayload p, OutboxItem item, ChatPlatforms platforms, CancellationToken ct)
    {
        var platform = platforms.Get(p.Platform);
        var messageId = await platform.PostAsync(p.ChannelId, p.Message, ct);
        if (p.Purpose is not null)
        {
            await posted.RecordAsync(p.Platform, p.ChannelId, messageId, p.Purpose, item.IncidentNumber, ct);
        }

        if (p.Pin)
        {
            await platform.PinAsync(p.ChannelId, messageId, ct);
        }
    }
}

public sealed class DirectHandler(ChatPlatforms platforms) : ChatOutboxHandler<DirectPayload>(platforms)
{
    public override string Kind => ChatKinds.Direct;

    protected override Task DeliverAsync(DirectPayload p, OutboxItem item, ChatPlatforms platforms, CancellationToken ct) =>
        platforms.Get(p.Platform).SendDirectAsync(p.UserId, p.Message, ct);
}

public sealed class ReplyHandler(ChatPlatforms platforms) : ChatOutboxHandler<ReplyPayload>(platforms)
{
    public override string Kind => ChatKinds.Reply;

    protected override Task DeliverAsync(ReplyPayload p, OutboxItem item, ChatPlatforms platforms, CancellationToken ct) =>
        platforms.Get(p.Platform).ReplyAsync(p.Target, p.Message, ct);
}

public sealed class UpdateHandler(ChatPlatforms platforms, PostedMessageStore posted) : ChatOutboxHandler<UpdatePayload>(platforms)
{
    public override string Kind => ChatKinds.Update;

    protected override async Task DeliverAsync(UpdatePayload p, OutboxItem item, ChatPlatforms platforms, CancellationToken ct)
    {
        // The original post is ahead in the same queue, so it has been recorded unless it failed.
        var messageId = await posted.FindAsync(p.Platform, p.ChannelId, p.Purpose, ct);
        if (messageId is null)
        {
            throw new DeliveryException($"no '{p.Purpose}' message to update in {p.ChannelId}", permanent: true);
        }

        await platforms.Get(p.Platform).UpdateAsync(p.ChannelId, messageId, p.Message, ct);
    }
}

public sealed class UploadHandler(ChatPlatforms platforms) : ChatOutboxHandler<UploadPayload>(platforms)
{
    public override string Kind => ChatKinds.Upload;

    protected override Task DeliverAsync(UploadPayload p, OutboxItem item, ChatPlatforms platforms, CancellationToken ct) =>
        platforms.Get(p.Platform).UploadFileAsync(p.ChannelId, p.File, ct);
}
