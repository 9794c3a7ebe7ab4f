using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;

namespace ChatOps.Postmortems;

/// <summary>
/// Runs the postmortem.draft row written by /incident close: drafts from the stored incident and
/// timeline, stores the next version and enqueues its delivery (the file and a summary in the
/// incident channel, a summary in the broadcast channel) in one transaction. The row's id is
/// stored with the version, so a redelivered row finds its version and does nothing; the chat
/// rows carry dedupe keys besides.
/// </summary>
public sealed partial class PostmortemDraftHandler(
    Database database,
    IncidentStore incidents,
    TimelineStore timeline,
    PostmortemStore store,
    ChatDelivery chat,
    ChatPlatforms platforms,
    IOptions<PostmortemsOptions> options,
    IOptions<IncidentsOptions> incidentOptions,
    TimeProvider clock,
    ILogger<PostmortemDraftHandler> logger) : IOutboxHandler
{
    public string Kind => PostmortemKinds.Draft;

    public async Task HandleAsync(OutboxItem item, CancellationToken ct)
    {
        var request = Read(item.Payload);
        var incident = await incidents.GetAsync(request.IncidentNumber, ct)
            ?? throw new DeliveryException($"{IncidentLabel.Of(request.IncidentNumber)} does not exist; no postmortem to draft", permanent: true);
        if (incident.Status != IncidentStatus.Closed || incident.ClosedAt is not { } closedAt)
        {
            // Reopened before the draft ran: the next close writes the draft from the fuller story.
            LogSkipped(logger, incident.Number, incident.Status);
            return;
        }

        var entries = await timeline.ListAsync(incident.Number, ct);
        var revisions = await timeline.RevisionsAsync(incident.Number, ct);
        var roles = await incidents.ListRolesAsync(incident.Number, ct);
        var actions = await incidents.ListActionItemsAsync(incident.Number, ct);
        var settings = new DraftSettings(options.Value.AvailabilityTarget, incidentOptions.Value.StatusCadence);
        Draft Render(int v)
        {
            var input = new DraftInput(incident, entries, revisions, roles, actions, v, settings);
            var facts = IncidentFacts.Of(input);
            return new Draft(v, facts, PostmortemDrafter.Draft(input, facts));
        }

        // Drafting a long timeline takes a while: do it before the transaction, which on SQLite
        // holds the write lock that webhooks wait for.
        int expected;
        await using (var connection = await database.OpenAsync(ct))
        {
            if (await store.FindByOutboxAsync(connection, null, item.Id, ct) is not null)
            {
                LogRedelivered(logger, item.Id, incident.Number);
                return;
            }

            expected = await store.NextVersionAsync(connection, null, incident.Number, ct);
        }

        var prepared = Render(expected);

        var version = await database.InTransactionAsync(async (c, tx) =>
        {
            if (await store.FindByOutboxAsync(c, tx, item.Id, ct) is not null)
            {
                return (int?)null;
            }

            var next = await store.NextVersionAsync(c, tx, incident.Number, ct);
            var (_, facts, markdown) = next == prepared.Version ? prepared : Render(next);
            var now = clock.GetUtcNow();
            await store.InsertAsync(c, tx, new PostmortemDraft
            {
                IncidentNumber = incident.Number,
                Version = next,
                OutboxId = item.Id,
                ClosedAt = closedAt,
                ClosedBy = request.ClosedBy,
                Markdown = markdown,
                CreatedAt = now,
            }, ct);

            var key = $"postmortem:{incident.Number}:v{next}";
            var open = actions.Count(a => a.Status == ActionItemStatus.Open);
            if (platforms.TryGet(incident.Platform, out var platform))
            {
                if (incident.ChannelId is { } channel)
                {
                    await chat.UploadAsync(c, tx, incident.Platform, channel, PostmortemMessages.File(incident, next, markdown), incident.Number, $"{key}:file", ct);
                    await chat.PostAsync(c, tx, incident.Platform, channel, PostmortemMessages.Summary(incident, next, facts, open, PostmortemMessages.InChannel(incident)),
                        incident.Number, dedupeKey: $"{key}:summary", ct: ct);
                }

                if (platform.BroadcastChannel is { Length: > 0 } broadcast)
                {
                    await chat.PostAsync(c, tx, incident.Platform, broadcast, PostmortemMessages.Summary(incident, next, facts, open, PostmortemMessages.InBroadcast(incident)),
                        incident.Number, dedupeKey: $"{key}:broadcast", ct: ct);
                }
            }

            await timeline.AppendAsync(c, tx, new TimelineEntry
            {
                IncidentNumber = incident.Number,
                Kind = TimelineKind.Postmortem,
                OccurredAt = now,
                RecordedAt = now,
                AuthorName = "ChatOps",
                Text = $"Postmortem draft v{next} written ({facts.Entries.Count} timeline entries) and sent to the channel",
                Data = JsonSerializer.Serialize(new { version = next }, ChatDelivery.Json),
            }, ct);
            return next;
        }, ct);

        chat.Wake();
        if (version is null)
        {
            LogRedelivered(logger, item.Id, incident.Number);
        }
    }

    private sealed record Draft(int Version, IncidentFacts Facts, string Markdown);

    private static DraftRequest Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<DraftRequest>(payload, ChatDelivery.Json)
                ?? throw new DeliveryException("empty postmortem.draft payload", permanent: true);
        }
        catch (JsonException ex)
        {
            throw new DeliveryException($"unreadable postmortem.draft payload: {ex.Message}", permanent: true, inner: ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "INC-{Number} is {Status} again; its postmortem is drafted at the next close")]
    private static partial void LogSkipped(ILogger logger, long number, IncidentStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox row {Id} already drafted INC-{Number}'s postmortem; nothing to do")]
    private static partial void LogRedelivered(ILogger logger, long id, long number);
}
