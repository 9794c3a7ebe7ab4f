using System.Text.Json;
using ChatOps.Chat.Events;
using ChatOps.Platforms.Teams.Auth;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Teams.Inbound;

/// <summary>
/// POST /api/messages: authenticate (Bot Framework JWT, endorsement, serviceurl, tenant), then act:
/// installs store the conversation reference, messages to the bot run commands, other channel
/// messages, edits and deletions go to the timeline. Anything unauthenticated is 401 and touches
/// nothing. If the database cannot take the activity the answer is 503 and the Connector retries.
/// </summary>
public sealed partial class TeamsActivityHandler(
    BotTokenValidator validator,
    TeamsConversationStore conversations,
    TeamsCommandRunner commands,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>Activities are small; a card submit with long text stays well below this.</summary>
    public const int MaxBody = 256 * 1024;

    public async Task<IResult> HandleAsync(HttpContext http, CancellationToken ct)
    {
        BotCaller? caller;
        string? refusal;
        try
        {
            (caller, refusal) = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString(), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or ArgumentException
            || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Without the signing keys nothing can be verified: the Connector retries later.
            LogKeysUnavailable(logger, ex.Message);
            return Results.Text("The signing keys cannot be fetched right now; please retry.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (caller is null)
        {
            return Unauthorized(refusal!);
        }

        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return Results.Text("The activity is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        TeamsActivity? activity;
        try
        {
            using var document = JsonDocument.Parse(body);
            activity = TeamsActivity.Parse(document.RootElement);
        }
        catch (JsonException)
        {
            return Results.Text("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (activity is null)
        {
            return Results.Text("An activity needs type, serviceUrl and conversation.id.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (caller.Refuse(activity.ChannelId, activity.ServiceUrl) is { } mismatch)
        {
            return Unauthorized(mismatch);
        }

        if (options.Value.SingleTenant && !string.Equals(activity.TenantId, options.Value.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("the activity comes from another tenant");
        }

        try
        {
            await ActAsync(http, activity, ct);
            return Results.Ok();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, ex, activity.Type, activity.Id ?? "?");
            return Results.Text("The activity could not be recorded; please retry.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task ActAsync(HttpContext http, TeamsActivity activity, CancellationToken ct)
    {
        await RememberAsync(activity, ct);
        switch (activity.Type)
        {
            case "message" when activity.Id is not null && activity.From is not null
                && (activity.Value is not null || activity.IsPersonal || activity.MentionsBot):
                if (TeamsCommandRunner.LineOf(activity) is { } line)
                {
                    await commands.RunAsync(activity, line, ct);
                }

                break;

            case "message" or "messageUpdate" or "messageDelete" when activity.IsChannel:
                if (TeamsEventMapper.Map(activity, clock.GetUtcNow()) is { } channelEvent
                    && http.RequestServices.GetService<IChannelEventSink>() is { } sink)
                {
                    // Teams message ids are unique within a channel; the channel makes the delivery id global.
                    await sink.IngestAsync(channelEvent with { EventId = $"{channelEvent.ChannelId}/{channelEvent.EventId}" }, ct);
                }

                break;
        }
    }

    /// <summary>Every authenticated activity refreshes where its conversation lives and what its sender is called.</summary>
    private async Task RememberAsync(TeamsActivity a, CancellationToken ct)
    {
        if (a.From is { Name: { Length: > 0 } name } from && from.Id != a.Recipient?.Id)
        {
            await conversations.SaveUserAsync(from.Id, name, from.AadObjectId, ct);
        }

        // People mentioned in a command are often named in the answer ("Bob is now Comms lead").
        foreach (var mention in a.Mentions.Where(m => m.Id != a.Recipient?.Id && !string.IsNullOrWhiteSpace(m.Name)))
        {
            await conversations.SaveUserAsync(mention.Id, mention.Name!, null, ct);
        }

        if (a.TeamsChannelId is { } channel)
        {
            await conversations.SaveAsync(new TeamsConversation(channel, TeamsConversationStore.Channel, a.ServiceUrl, a.TenantId, a.TeamId, null, a.TeamsChannelName), ct);
        }
        else if (a.IsPersonal || a.ConversationType == TeamsConversationStore.Group)
        {
            var user = a.IsPersonal ? a.From?.Id : null;
            await conversations.SaveAsync(new TeamsConversation(a.ConversationId, a.ConversationType!, a.ServiceUrl, a.TenantId, null, user, null), ct);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private IResult Unauthorized(string reason)
    {
        LogRefused(logger, reason);
        return Results.Text(reason, statusCode: StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams activity: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot verify Teams activities: the Bot Framework signing keys are unavailable ({Error})")]
    private static partial void LogKeysUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not handle Teams activity {Type} {Id}; answering 503 so the Connector retries")]
    private static partial void LogFailed(ILogger logger, Exception ex, string type, string id);
}
