using ChatOps.Chat.Events;
using ChatOps.Incidents;
using ChatOps.Storage;

namespace ChatOps.Timeline;

/// <summary>
/// Writes channel events into the incident timeline in one short transaction, exactly once:
/// the platform's event id is recorded in the same transaction as the effect, and messages are
/// unique by (channel, message id) besides. A database failure propagates, so the webhook
/// answers non-2xx and the platform retries.
/// </summary>
public sealed class TimelineIngestor(Database database, InboundEventStore events, IncidentStore incidents, TimelineStore timeline, TimeProvider clock) : IChannelEventSink
{
    public Task<IngestOutcome> IngestAsync(ChannelEvent channelEvent, CancellationToken ct) =>
        database.InTransactionAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (!await events.TryRecordAsync(c, tx, channelEvent.Platform, channelEvent.EventId, now, ct))
            {
                return IngestOutcome.Duplicate;
            }

            var incident = await incidents.FindByChannelAsync(c, tx, channelEvent.Platform, channelEvent.ChannelId, ct);
            if (incident is null)
            {
                return IngestOutcome.Ignored;
            }

            switch (channelEvent)
            {
                case MessagePosted posted:
                    var id = await timeline.AppendAsync(c, tx, new TimelineEntry
                    {
                        IncidentNumber = incident.Number,
                        Kind = TimelineKind.Message,
                        OccurredAt = posted.At,
                        RecordedAt = now,
                        AuthorId = posted.UserId,
                        AuthorName = posted.UserName,
                        Text = posted.Text,
                        SourceChannel = posted.ChannelId,
                        SourceMessageId = posted.MessageId,
                        ThreadRef = posted.ThreadRef,
                    }, ct);
                    return id is null ? IngestOutcome.Duplicate : IngestOutcome.Recorded;

                case MessageEdited edited when await timeline.FindBySourceAsync(c, tx, edited.ChannelId, edited.MessageId, ct) is { } original:
                    await timeline.AddRevisionAsync(c, tx, new TimelineRevision { EntryId = original.Id, Text = edited.NewText, EditedAt = edited.At, EditedBy = edited.EditedBy }, now, ct);
                    return IngestOutcome.Recorded;

                case MessageDeleted deleted when await timeline.FindBySourceAsync(c, tx, deleted.ChannelId, deleted.MessageId, ct) is { } original:
                    return await timeline.MarkDeletedAsync(c, tx, original.Id, deleted.At, deleted.DeletedBy, ct) == 1 ? IngestOutcome.Recorded : IngestOutcome.Duplicate;

                case MessageMarkedKey marked when await timeline.FindBySourceAsync(c, tx, marked.ChannelId, marked.MessageId, ct) is { } original:
                    return await timeline.MarkKeyAsync(c, tx, original.Id, ct) == 1 ? IngestOutcome.Recorded : IngestOutcome.Duplicate;

                default:
                    // An edit, deletion or pin of a message from before the incident channel
                    // existed (or never seen): nothing in the timeline to change.
                    return IngestOutcome.Ignored;
            }
        }, ct);
}
