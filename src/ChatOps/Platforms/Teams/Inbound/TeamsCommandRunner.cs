using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Teams.Rendering;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;

namespace ChatOps.Platforms.Teams.Inbound;

/// <summary>
/// Runs what an activity asks for (a typed command, a clicked button, a submitted form) through the
/// same dispatcher as Slack, once per activity: the activity id is recorded first, so a redelivery
/// finds it and does nothing. The answer goes out through the outbox, because the Connector ignores
/// anything in the HTTP response to a message activity.
/// </summary>
public sealed class TeamsCommandRunner(
    Database database, InboundEventStore events, CommandDispatcher dispatcher, ChatDelivery delivery, OutboxStore outbox, TimeProvider clock)
{
    /// <summary>The command line an activity carries: a button's command, a filled form, or text after the bot's mention.</summary>
    public static string? LineOf(TeamsActivity activity)
    {
        if (activity.Value is { } value)
        {
            return TeamsActivity.Str(value, TeamsCardRenderer.Marker) switch
            {
                "command" => TeamsActivity.Str(value, "command"),
                "form" => TeamsFormRenderer.Fill(value),
                _ => null,
            };
        }

        var line = TeamsText.CommandLine(activity);
        return line.Length == 0 ? null : line;
    }

    public async Task RunAsync(TeamsActivity activity, string line, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var first = await database.InTransactionAsync((c, tx) => events.TryRecordAsync(c, tx, TeamsPlatform.PlatformName, $"command:{activity.ConversationId}:{activity.Id}", now, ct), ct);
        if (!first)
        {
            return;
        }

        var user = activity.From!;
        var channel = activity.TeamsChannelId ?? activity.ConversationId;
        var handle = new TeamsReplyHandle(activity.ServiceUrl, activity.ConversationId, activity.Id!).Serialize();
        var context = new CommandContext(TeamsPlatform.PlatformName, user.Id, channel, new ReplyTarget(channel, user.Id, Ephemeral: true, handle, now), now, handle, user.Name);
        // "@ChatOps incident status ..." and "@ChatOps /incident status ..." are the same command.
        var result = await dispatcher.ExecuteLineAsync(line.StartsWith('/') ? line : "/" + line, context, ct);
        switch (result)
        {
            case Reply reply:
                await database.InTransactionAsync((c, tx) => delivery.ReplyAsync(c, tx, TeamsPlatform.PlatformName, context.ReplyTo, reply.Message, ct: ct), ct);
                break;
            case ShowForm show:
                var payload = JsonSerializer.Serialize(new TeamsFormPayload(context.ReplyTo, show.Form), ChatDelivery.Json);
                await database.InTransactionAsync((c, tx) => outbox.EnqueueAsync(c, tx,
                    new OutboxMessage($"{TeamsPlatform.PlatformName}:reply:{channel}:{user.Id}", TeamsFormPayload.Kind, payload, null), ct), ct);
                break;
        }

        delivery.Wake();
    }
}

public sealed record TeamsFormPayload(ReplyTarget Target, ChatForm Form)
{
    public const string Kind = "teams.form";
}

/// <summary>Sends a form card as a reply to the activity that asked for it.</summary>
public sealed class TeamsFormHandler(ChatPlatforms platforms) : IOutboxHandler
{
    public string Kind => TeamsFormPayload.Kind;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<TeamsFormPayload>(item.Payload, ChatDelivery.Json)
            ?? throw new DeliveryException("unreadable teams.form payload", permanent: true);
        try
        {
            await platforms.Get(TeamsPlatform.PlatformName).OpenFormAsync(payload.Target.Handle ?? string.Empty, payload.Form, ct);
        }
        catch (ChatPlatformException ex)
        {
            throw new DeliveryException(ex.Message, ex.Permanent, ex.RetryAfter, ex);
        }
    }
}
