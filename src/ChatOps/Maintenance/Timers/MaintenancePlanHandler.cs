using System.Data.Common;
using System.Text.Json;
using ChatOps.Maintenance.Announcements;
using ChatOps.Storage.Outbox;

namespace ChatOps.Maintenance.Timers;

/// <summary>Outbox payload: re-plan these timed announcements of a window (none: remove them all).</summary>
public sealed record PlanRequest(long WindowId, IReadOnlyList<AnnouncementKind> Kinds);

/// <summary>
/// Plans Quartz triggers from an outbox row written in the same transaction as the change, so a
/// crash between the commit and the scheduling cannot lose a window's reminders.
/// </summary>
public sealed class MaintenancePlanHandler(MaintenanceStore store, MaintenanceTimers timers) : IOutboxHandler
{
    public const string KindName = "maint.plan";

    public string Kind => KindName;

    public static Task<bool> EnqueueAsync(OutboxStore outbox, DbConnection c, DbTransaction tx, long windowId, IReadOnlyList<AnnouncementKind> kinds, CancellationToken ct) =>
        outbox.EnqueueAsync(c, tx, new OutboxMessage($"maint:plan:{windowId}", KindName,
            JsonSerializer.Serialize(new PlanRequest(windowId, kinds), MaintenanceJson.Options)), ct);

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<PlanRequest>(item.Payload, MaintenanceJson.Options)
            ?? throw new DeliveryException("unreadable maintenance plan payload", permanent: true);
        try
        {
            var window = await store.GetAsync(request.WindowId, ct);
            if (window is null || window.Status != WindowStatus.Scheduled || request.Kinds.Count == 0)
            {
                await timers.UnplanAsync(request.WindowId, ct);
                return;
            }

            await timers.PlanAsync(window, request.Kinds, ct);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or DeliveryException))
        {
            throw new DeliveryException($"planning maintenance window {request.WindowId} failed: {ex.Message}", permanent: false, inner: ex);
        }
    }
}
