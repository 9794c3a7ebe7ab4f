using ChatOps.Storage;
using ChatOps.Storage.Outbox;

namespace ChatOps.Timeline;

/// <summary>A message that could not be delivered is part of the incident's story: it goes on its timeline.</summary>
public sealed class DeliveryFailureRecorder(Database database, TimelineStore timeline, TimeProvider clock) : IDeliveryFailureRecorder
{
    public async Task RecordAsync(OutboxItem item, string error, CancellationToken ct)
    {
        if (item.IncidentNumber is not { } incident)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await database.InTransactionAsync((c, tx) => timeline.AppendAsync(c, tx, new TimelineEntry
        {
            IncidentNumber = incident,
            Kind = TimelineKind.DeliveryFailed,
            OccurredAt = now,
            RecordedAt = now,
            AuthorName = "ChatOps",
            Text = $"Could not deliver {item.Kind} to {item.QueueKey}: {error}",
        }, ct), ct);
    }
}
