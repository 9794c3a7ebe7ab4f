using System.Text.Json;
using ChatOps.Chat.Events;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// POST /slack/events: the URL handshake, and channel events handed to the timeline. If the
/// timeline cannot take an event (database down) the answer is 503 so Slack redelivers it;
/// redeliveries take the same path and the sink de-duplicates them by event id.
/// </summary>
public sealed partial class SlackEventHandler(SlackRequestReader reader, TimeProvider clock, ILogger<SlackEventHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, CancellationToken ct)
    {
        var body = await SlackRequestReader.ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return SlackRequestReader.TooLarge();
        }

        if (reader.Verify(http.Request, body) is { } rejection)
        {
            return rejection;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Results.Text("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var envelope = document.RootElement;
            return envelope.Str("type") switch
            {
                "url_verification" => Results.Json(new { challenge = envelope.Str("challenge") ?? string.Empty }),
                "event_callback" => await IngestAsync(http, envelope, ct),
                _ => Results.Ok(),
            };
        }
    }

    private async Task<IResult> IngestAsync(HttpContext http, JsonElement envelope, CancellationToken ct)
    {
        var sink = http.RequestServices.GetService<IChannelEventSink>();
        var channelEvent = SlackEventMapper.Map(envelope, clock.GetUtcNow());
        if (sink is null || channelEvent is null)
        {
            return Results.Ok();
        }

        try
        {
            await sink.IngestAsync(channelEvent, ct);
            return Results.Ok();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogIngestFailed(logger, ex, channelEvent.EventId, http.Request.Headers["X-Slack-Retry-Num"].ToString());
            return Results.Text("The event could not be recorded; please retry.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record Slack event {EventId} (retry {Retry}); answering 503 so Slack redelivers it")]
    private static partial void LogIngestFailed(ILogger logger, Exception ex, string eventId, string retry);
}
