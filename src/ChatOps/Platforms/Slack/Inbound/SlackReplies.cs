using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Storage;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// Answers to clicks and form submissions, which Slack does not take in the HTTP response: they go
/// through the outbox, so the webhook answers at once and the reply survives a restart.
/// </summary>
public sealed class SlackReplies(Database database, ChatDelivery delivery)
{
    /// <summary>To the user in <see cref="ReplyTarget.ChannelId"/> (response_url, then ephemeral); a direct message when the channel is unknown.</summary>
    public async Task EnqueueAsync(ReplyTarget target, ChatMessage message, CancellationToken ct)
    {
        await database.InTransactionAsync(
            async (connection, tx) => string.IsNullOrEmpty(target.ChannelId) && target.Handle is null
                ? await delivery.DirectAsync(connection, tx, SlackPlatform.PlatformName, target.UserId, message, ct: ct)
                : await delivery.ReplyAsync(connection, tx, SlackPlatform.PlatformName, target, message, ct: ct),
            ct);
        delivery.Wake();
    }
}
