using System.Data.Common;
using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;

namespace ChatOps.Incidents;

/// <summary>Outbox kinds owned by the incident lifecycle, and their payload.</summary>
public static class IncidentKinds
{
    public const string Provision = "incident.provision";
    public const string Refresh = "incident.refresh";
    public const string Invite = "incident.invite";
}

public sealed record IncidentWork(long Number, IReadOnlyList<string>? Users = null, bool FromIncidentQueue = false);

/// <summary>
/// The side effects of a change, all written in the change's transaction: the timeline entry,
/// the posts (channel, broadcast) and the refresh of the pinned summary and topic.
/// </summary>
public sealed class IncidentEffects(TimelineStore timeline, ChatDelivery chat, OutboxStore outbox, ChatPlatforms platforms, TimeProvider clock)
{
    public Task<long?> RecordAsync(DbConnection c, DbTransaction tx, Incident i, TimelineKind kind, string text, string? author, bool key, object? data, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return timeline.AppendAsync(c, tx, new TimelineEntry
        {
            IncidentNumber = i.Number,
            Kind = kind,
            OccurredAt = now,
            RecordedAt = now,
            AuthorId = author,
            Text = text,
            IsKey = key,
            Data = data is null ? null : JsonSerializer.Serialize(data, ChatDelivery.Json),
        }, ct);
    }

    /// <summary>Posts in the incident channel; before the channel exists the pinned summary will carry the news.</summary>
    public async Task PostToChannelAsync(DbConnection c, DbTransaction tx, Incident i, ChatMessage message, CancellationToken ct)
    {
        if (i.ChannelId is not null)
        {
            await chat.PostAsync(c, tx, i.Platform, i.ChannelId, message, i.Number, ct: ct);
        }
    }

    /// <summary>Posts where stakeholders follow incidents: each configured platform's broadcast channel.</summary>
    public async Task BroadcastAsync(DbConnection c, DbTransaction tx, Incident i, ChatMessage message, string? dedupeKey, CancellationToken ct)
    {
        foreach (var target in platforms.BroadcastTargets(i.Platform))
        {
            await chat.PostAsync(c, tx, target.Platform, target.Channel, message, i.Number, dedupeKey: target.Key(dedupeKey), ct: ct);
        }
    }

    public Task RefreshAsync(DbConnection c, DbTransaction tx, Incident i, CancellationToken ct) =>
        EnqueueAsync(c, tx, i, IncidentKinds.Refresh, new IncidentWork(i.Number, FromIncidentQueue: i.ChannelId is null), null, ct);

    public Task InviteAsync(DbConnection c, DbTransaction tx, Incident i, string userId, CancellationToken ct) =>
        EnqueueAsync(c, tx, i, IncidentKinds.Invite, new IncidentWork(i.Number, [userId]), null, ct);

    public Task ProvisionAsync(DbConnection c, DbTransaction tx, Incident i, CancellationToken ct) =>
        outbox.EnqueueAsync(c, tx, new OutboxMessage(IncidentQueue(i.Number), IncidentKinds.Provision,
            JsonSerializer.Serialize(new IncidentWork(i.Number), ChatDelivery.Json), i.Number, $"incident:{i.Number}:provision"), ct);

    public void Wake() => chat.Wake();

    /// <summary>Work on an incident whose channel does not exist yet queues behind its provisioning.</summary>
    public static string IncidentQueue(long number) => $"incident:{number}";

    private Task EnqueueAsync(DbConnection c, DbTransaction tx, Incident i, string kind, IncidentWork work, string? dedupe, CancellationToken ct) =>
        outbox.EnqueueAsync(c, tx, new OutboxMessage(
            i.ChannelId is null ? IncidentQueue(i.Number) : $"{i.Platform}:{i.ChannelId}",
            kind, JsonSerializer.Serialize(work, ChatDelivery.Json), i.Number, dedupe), ct);
}
