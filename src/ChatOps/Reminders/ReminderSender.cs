using System.Data.Common;
using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using ChatOps.Incidents;
using ChatOps.Storage;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;

namespace ChatOps.Reminders;

/// <summary>
/// Sends what the rules say is due for one incident, in one transaction: re-read the incident
/// (an update may have arrived since the sweep looked), re-evaluate, claim each send, then write
/// its timeline entry and outbox rows. Outbox rows carry the send key as their dedupe key too.
/// </summary>
public sealed class ReminderSender(
    Database database, IncidentStore incidents, ReminderStore store, TimelineStore timeline, ChatDelivery chat, ChatPlatforms platforms,
    IOptions<IncidentsOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Returns how many sends this call made (0 when nothing was due or another replica sent it).</summary>
    public Task<int> SendDueAsync(long number, CancellationToken ct) => database.InTransactionAsync(async (c, tx) =>
    {
        var now = clock.GetUtcNow();
        if (await incidents.GetAsync(c, tx, number, ct) is not { IsOpen: true } incident)
        {
            return 0;
        }

        var plan = ReminderRules.Evaluate(incident, await store.LastEscalationAsync(c, tx, number, ct), options.Value, now);
        var sent = 0;
        foreach (var send in plan.Due)
        {
            // Reminders and checkpoints belong in the incident channel: wait for it to exist.
            if (send.Kind != ReminderKind.Escalation && incident.ChannelId is null)
            {
                continue;
            }

            if (!await store.ClaimAsync(c, tx, send, number, now, ct))
            {
                continue;
            }

            await (send.Kind switch
            {
                ReminderKind.Reminder => RemindAsync(c, tx, incident, send, plan, now, ct),
                ReminderKind.Escalation => EscalateAsync(c, tx, incident, send, now, ct),
                _ => CheckpointAsync(c, tx, incident, send, now, ct),
            });
            sent++;
        }

        return sent;
    }, ct);

    private async Task RemindAsync(DbConnection c, DbTransaction tx, Incident i, DueSend send, ReminderPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var cadence = CadencePolicy.CadenceFor(i, options.Value.StatusCadence) ?? TimeSpan.Zero;
        var message = ReminderMessages.Reminder(i, send.DueAt, plan.OverdueAt, cadence, options.Value.Reminders.Snooze);
        await chat.PostAsync(c, tx, i.Platform, i.ChannelId!, message, i.Number, dedupeKey: send.Key, ct: ct);
        await RecordAsync(c, tx, i, TimelineKind.Reminder, $"Status update due; reminded the incident commander {i.CommanderId}.",
            new { dueAt = send.DueAt, commanderId = i.CommanderId, overdueAt = plan.OverdueAt }, now, ct);
    }

    private async Task EscalateAsync(DbConnection c, DbTransaction tx, Incident i, DueSend send, DateTimeOffset now, CancellationToken ct)
    {
        var message = ReminderMessages.Overdue(i, send.DueAt, send.Attempt);
        var targets = platforms.BroadcastTargets(i.Platform);
        foreach (var target in targets)
        {
            await chat.PostAsync(c, tx, target.Platform, target.Channel, message, i.Number, dedupeKey: target.Key($"{send.Key}:broadcast"), ct: ct);
        }

        var broadcast = targets.FirstOrDefault(t => t.IsHome)?.Channel;

        var roles = await incidents.ListRolesAsync(i.Number, ct);
        var people = options.Value.Escalation.For(i.Severity)
            .Concat(roles.Where(r => r.Role == IncidentRole.Comms).Select(r => r.UserId))
            .Where(u => u.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var user in people)
        {
            await chat.DirectAsync(c, tx, i.Platform, user, message, i.Number, dedupeKey: $"{send.Key}:dm:{user}", ct: ct);
        }

        var where = targets.Count > 0 ? "the broadcast channel" : "no broadcast channel (none configured)";
        await RecordAsync(c, tx, i, TimelineKind.Escalation, $"Update overdue (notice {send.Attempt + 1}): told {where} and {people.Count} people directly.",
            new { dueAt = send.DueAt, attempt = send.Attempt, broadcast, notified = people }, now, ct);
    }

    private async Task CheckpointAsync(DbConnection c, DbTransaction tx, Incident i, DueSend send, DateTimeOffset now, CancellationToken ct)
    {
        var checkpoint = send.Checkpoint!;
        await chat.PostAsync(c, tx, i.Platform, i.ChannelId!, ReminderMessages.Checkpoint(i, checkpoint), i.Number, dedupeKey: send.Key, ct: ct);
        await RecordAsync(c, tx, i, TimelineKind.Checkpoint, checkpoint.Text, new { dueAt = send.DueAt, after = checkpoint.After.ToString("c", System.Globalization.CultureInfo.InvariantCulture) }, now, ct);
    }

    private Task<long?> RecordAsync(DbConnection c, DbTransaction tx, Incident i, TimelineKind kind, string text, object data, DateTimeOffset now, CancellationToken ct) =>
        timeline.AppendAsync(c, tx, new TimelineEntry
        {
            IncidentNumber = i.Number,
            Kind = kind,
            OccurredAt = now,
            RecordedAt = now,
            Text = text,
            Data = JsonSerializer.Serialize(data, Json),
        }, ct);
}
