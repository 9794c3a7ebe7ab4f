using System.Text.Json;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Postmortems;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;

namespace ChatOps.Incidents;

/// <summary>mitigated, resolve, close and reopen. Closing enqueues the postmortem draft in the same transaction.</summary>
public sealed class IncidentLifecycle(Database database, IncidentChangesStore changes, IncidentEffects effects, OutboxStore outbox, TimeProvider clock)
{
    public Task<CommandResult> MitigateAsync(Incident i, Mitigate command, CommandContext context, CancellationToken ct) =>
        MoveAsync(i, IncidentStatus.Mitigated, TimelineKind.Mitigated, command.Text, context, "mitigated", ct);

    public Task<CommandResult> ResolveAsync(Incident i, Resolve command, CommandContext context, CancellationToken ct) =>
        MoveAsync(i, IncidentStatus.Resolved, TimelineKind.Resolved, command.Text, context, "resolved", ct);

    public Task<CommandResult> ReopenAsync(Incident i, Reopen command, CommandContext context, CancellationToken ct) =>
        MoveAsync(i, IncidentStatus.Active, TimelineKind.Reopened, command.Text, context, "reopened", ct);

    public async Task<CommandResult> CloseAsync(Incident i, Close command, CommandContext context, CancellationToken ct)
    {
        if (i.Status == IncidentStatus.Closed)
        {
            return CommandResult.Private($"{i.Label} is already closed. /incident reopen #{i.Number} reopens it.");
        }

        if (i.IsOpen && !command.Confirmed)
        {
            return CommandResult.Private(IncidentMessages.Confirmation(i));
        }

        var now = clock.GetUtcNow();
        var after = i with { Status = IncidentStatus.Closed, ClosedAt = now, ResolvedAt = i.ResolvedAt ?? now };
        var done = await database.InTransactionAsync(async (c, tx) =>
        {
            if (!await changes.TransitionAsync(c, tx, i.Number, IncidentStatus.Closed, now, ct))
            {
                return false;
            }

            if (i.IsOpen)
            {
                await effects.RecordAsync(c, tx, after, TimelineKind.Resolved, "Resolved on close", context.UserId, key: true, null, ct);
            }

            await effects.RecordAsync(c, tx, after, TimelineKind.Closed, string.Empty, context.UserId, key: true, null, ct);
            var draft = new DraftRequest(i.Number, i.Platform, i.ChannelId, context.UserId);
            await outbox.EnqueueAsync(c, tx, new OutboxMessage($"postmortem:{i.Number}", PostmortemKinds.Draft,
                JsonSerializer.Serialize(draft, ChatDelivery.Json), i.Number), ct);
            var message = IncidentMessages.Change(after, Rich.Of(new Plain("Closed by "), new Mention(context.UserId), new Plain(". Drafting the postmortem from the timeline.")));
            await effects.PostToChannelAsync(c, tx, after, message, ct);
            await effects.BroadcastAsync(c, tx, after, IncidentMessages.Change(after, Rich.Of(new Plain("Closed by "), new Mention(context.UserId), new Plain("."))), null, ct);
            await effects.RefreshAsync(c, tx, after, ct);
            return true;
        }, ct);
        effects.Wake();
        return CommandResult.Private(done
            ? $"{i.Label} closed. The postmortem draft will be posted in the channel shortly."
            : $"{i.Label} changed meanwhile; nothing was closed. Try again.");
    }

    private async Task<CommandResult> MoveAsync(Incident i, IncidentStatus to, TimelineKind kind, string text, CommandContext context, string verb, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = to switch
        {
            IncidentStatus.Mitigated => i with { Status = to, MitigatedAt = now },
            IncidentStatus.Resolved => i with { Status = to, ResolvedAt = now },
            _ => i with { Status = to, MitigatedAt = null, ResolvedAt = null, ClosedAt = null, LastStatusAt = now },
        };
        var done = await database.InTransactionAsync(async (c, tx) =>
        {
            if (!await changes.TransitionAsync(c, tx, i.Number, to, now, ct))
            {
                return false;
            }

            if (to == IncidentStatus.Active)
            {
                // A reopened incident owes updates again from now, not from its old last update.
                await changes.RecordStatusAsync(c, tx, i.Number, now, ct);
            }

            await effects.RecordAsync(c, tx, after, kind, text, context.UserId, key: true, null, ct);
            var message = IncidentMessages.Change(after, Rich.Of(new Plain($"Marked {verb} by "), new Mention(context.UserId), new Plain(".")), text);
            await effects.PostToChannelAsync(c, tx, after, message, ct);
            await effects.BroadcastAsync(c, tx, after, message, null, ct);
            await effects.RefreshAsync(c, tx, after, ct);
            return true;
        }, ct);
        effects.Wake();
        if (done)
        {
            return CommandResult.Private($"{i.Label} {verb}.");
        }

        return CommandResult.Private(to switch
        {
            IncidentStatus.Mitigated => $"{i.Label} is {i.Status.ToString().ToLowerInvariant()}; only an active incident can be marked mitigated.",
            IncidentStatus.Resolved => $"{i.Label} is already {i.Status.ToString().ToLowerInvariant()}.",
            _ => $"{i.Label} is {i.Status.ToString().ToLowerInvariant()}; only resolved or closed incidents can be reopened.",
        });
    }
}
