using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOps.Incidents;

/// <summary>
/// Opens the incident's channel after the declaration was acknowledged: create (once: the id is
/// saved before anything else), invite the declarer, commander and responders, set the topic,
/// then enqueue the pinned summary and the broadcast announcement with dedupe keys, so a retry
/// of this row after a crash repeats only what is harmless to repeat.
/// </summary>
public sealed class IncidentChannelProvisioner(
    Database database, IncidentStore incidents, IncidentChangesStore changes, ChatPlatforms platforms, ChatDelivery chat,
    IOptions<IncidentsOptions> options, TimeProvider clock) : IOutboxHandler
{
    public string Kind => IncidentKinds.Provision;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var work = JsonSerializer.Deserialize<IncidentWork>(item.Payload, ChatDelivery.Json)!;
        var incident = await incidents.GetAsync(work.Number, ct) ?? throw new DeliveryException($"{IncidentLabel.Of(work.Number)} does not exist", permanent: true);
        var platform = platforms.Get(incident.Platform);
        try
        {
            if (incident.ChannelId is null)
            {
                var name = ChannelNames.For(options.Value.ChannelPrefix, incident.Number, incident.Title);
                var channel = await platform.CreateChannelAsync(name, $"{incident.Label}: {incident.Title}", ct);
                await database.InTransactionAsync((c, tx) => changes.SetChannelAsync(c, tx, incident.Number, channel.Id, channel.Name, clock.GetUtcNow(), ct), ct);
                incident = await incidents.GetAsync(incident.Number, ct) ?? incident;
            }

            var channelId = incident.ChannelId!;
            var roles = await incidents.ListRolesAsync(incident.Number, ct);
            var people = new[] { incident.DeclaredBy, incident.CommanderId }.Concat(roles.Select(r => r.UserId)).Concat(platform.DefaultResponders).Distinct().ToList();
            await platform.InviteAsync(channelId, people, ct);
            var commander = await platform.GetUserAsync(incident.CommanderId, ct);
            await platform.SetTopicAsync(channelId, IncidentMessages.Topic(incident, commander?.DisplayName ?? incident.CommanderId), ct);

            await database.InTransactionAsync(async (c, tx) =>
            {
                // Read again: a status or severity change made while the channel was being set up queued its
                // refresh ahead of this post, where it found no summary to update, so the summary must carry it.
                incident = await incidents.GetAsync(incident.Number, ct) ?? incident;
                var summary = IncidentMessages.Summary(incident, CadencePolicy.NextUpdateDue(incident, options.Value.StatusCadence));
                await chat.PostAsync(c, tx, incident.Platform, channelId, summary, incident.Number, purpose: "summary", pin: true, dedupeKey: $"incident:{incident.Number}:summary", ct: ct);
                var announcement = IncidentMessages.Announcement(incident, platform.ChannelUrl(channelId));
                foreach (var target in platforms.BroadcastTargets(incident.Platform))
                {
                    await chat.PostAsync(c, tx, target.Platform, target.Channel, announcement, incident.Number,
                        dedupeKey: target.Key($"incident:{incident.Number}:announce"), ct: ct);
                }

                return 0;
            }, ct);
            chat.Wake();
        }
        catch (ChatPlatformException ex)
        {
            throw new DeliveryException(ex.Message, ex.Permanent, ex.RetryAfter, ex);
        }
    }
}

/// <summary>Keeps the pinned summary and the channel topic in step with the incident.</summary>
public sealed class IncidentRefresher(
    Database database, IncidentStore incidents, ChatPlatforms platforms, PostedMessageStore posted, OutboxStore outbox,
    IOptions<IncidentsOptions> options) : IOutboxHandler
{
    public string Kind => IncidentKinds.Refresh;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var work = JsonSerializer.Deserialize<IncidentWork>(item.Payload, ChatDelivery.Json)!;
        if (await incidents.GetAsync(work.Number, ct) is not { ChannelId: { } channelId } incident)
        {
            return;
        }

        var summaryId = await posted.FindAsync(incident.Platform, channelId, "summary", ct);
        if (summaryId is null && work.FromIncidentQueue)
        {
            // Queued before the channel existed: move behind the summary post in the channel's queue.
            await database.InTransactionAsync((c, tx) => outbox.EnqueueAsync(c, tx, new OutboxMessage(
                $"{incident.Platform}:{channelId}", Kind, JsonSerializer.Serialize(work with { FromIncidentQueue = false }, ChatDelivery.Json), incident.Number), ct), ct);
            return;
        }

        try
        {
            var platform = platforms.Get(incident.Platform);
            var commander = await platform.GetUserAsync(incident.CommanderId, ct);
            await platform.SetTopicAsync(channelId, IncidentMessages.Topic(incident, commander?.DisplayName ?? incident.CommanderId), ct);
            if (summaryId is not null)
            {
                await platform.UpdateAsync(channelId, summaryId, IncidentMessages.Summary(incident, CadencePolicy.NextUpdateDue(incident, options.Value.StatusCadence)), ct);
            }
        }
        catch (ChatPlatformException ex)
        {
            throw new DeliveryException(ex.Message, ex.Permanent, ex.RetryAfter, ex);
        }
    }
}

/// <summary>Invites a newly assigned role holder into the incident channel.</summary>
public sealed class IncidentInviter(IncidentStore incidents, ChatPlatforms platforms) : IOutboxHandler
{
    public string Kind => IncidentKinds.Invite;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var work = JsonSerializer.Deserialize<IncidentWork>(item.Payload, ChatDelivery.Json)!;
        if (await incidents.GetAsync(work.Number, ct) is not { ChannelId: { } channelId } incident || work.Users is not { Count: > 0 } users)
        {
            return;
        }

        try
        {
            await platforms.Get(incident.Platform).InviteAsync(channelId, users, ct);
        }
        catch (ChatPlatformException ex)
        {
            throw new DeliveryException(ex.Message, ex.Permanent, ex.RetryAfter, ex);
        }
    }
}
