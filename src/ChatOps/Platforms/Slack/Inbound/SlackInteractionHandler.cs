using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Api;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// POST /slack/interactions: a button click runs the command line it carries, a submitted form runs
/// its filled template, both as the person who clicked. A usage error goes back into the form.
/// </summary>
public sealed partial class SlackInteractionHandler(
    SlackRequestReader reader,
    CommandDispatcher dispatcher,
    SlackViewsApi views,
    SlackReplies replies,
    TimeProvider clock,
    ILogger<SlackInteractionHandler> logger)
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
            document = JsonDocument.Parse(SlackJson.ParseForm(body).GetValueOrDefault("payload") ?? string.Empty);
        }
        catch (JsonException)
        {
            return Results.Text("The body has no JSON 'payload' field.", statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var payload = document.RootElement;
            return payload.Str("type") switch
            {
                "block_actions" => await ClickAsync(payload, ct),
                "view_submission" => await SubmitAsync(payload, ct),
                _ => Results.Ok(),
            };
        }
    }

    private async Task<IResult> ClickAsync(JsonElement payload, CancellationToken ct)
    {
        // URL buttons also report clicks; they carry no command.
        var line = payload.Items("actions").Select(a => a.Str("value")).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(line))
        {
            return Results.Ok();
        }

        var channelId = payload.Obj("container").Str("channel_id") ?? payload.Obj("channel").Str("id") ?? string.Empty;
        var context = Context(payload, channelId, payload.Str("response_url"));
        var result = await dispatcher.ExecuteLineAsync(line, context, ct);
        switch (result)
        {
            case Reply reply:
                await replies.EnqueueAsync(context.ReplyTo, reply.Message, ct);
                break;
            case ShowForm show:
                await OpenFormAsync(show.Form, context, ct);
                break;
        }

        return Results.Ok();
    }

    private async Task<IResult> SubmitAsync(JsonElement payload, CancellationToken ct)
    {
        var view = payload.Obj("view");
        if (view.Str("callback_id") != SlackModalRenderer.CallbackId)
        {
            return Results.Ok();
        }

        var values = SlackFormValues.Read(view);
        var firstInput = SlackFormValues.FirstInputBlock(view) ?? values.Keys.FirstOrDefault();
        if (SlackFormMetadata.Parse(view.Str("private_metadata")) is not { } metadata)
        {
            return Errors(firstInput, "This form has expired. Please run the command again.");
        }

        var form = new ChatForm(metadata.FormId, string.Empty, string.Empty, metadata.CommandTemplate, [.. values.Keys.Select(k => new TextInput(k, k))]);
        var responseUrl = payload.Items("response_urls").Select(r => r.Str("response_url")).FirstOrDefault();
        var context = Context(payload, metadata.ChannelId ?? string.Empty, responseUrl);
        var result = await dispatcher.ExecuteLineAsync(form.Fill(values), context, ct);
        switch (result)
        {
            case Reply { IsError: true } error when firstInput is not null:
                return Errors(firstInput, error.Message.Fallback);
            case Reply reply:
                await replies.EnqueueAsync(context.ReplyTo, reply.Message, ct);
                return Results.Ok();
            case ShowForm next:
                return NextForm(next.Form, metadata.ChannelId, firstInput);
            default:
                return Results.Ok();
        }
    }

    private CommandContext Context(JsonElement payload, string channelId, string? responseUrl)
    {
        var user = payload.Obj("user");
        var userId = user.Str("id") ?? string.Empty;
        var now = clock.GetUtcNow();
        return new CommandContext(
            SlackPlatform.PlatformName, userId, channelId,
            new ReplyTarget(channelId, userId, Ephemeral: true, Handle: responseUrl, IssuedAt: now),
            now, payload.Str("trigger_id"), user.Str("username") ?? user.Str("name"));
    }

    private async Task OpenFormAsync(ChatForm form, CommandContext context, CancellationToken ct)
    {
        try
        {
            if (!string.IsNullOrEmpty(context.Trigger))
            {
                await views.OpenAsync(context.Trigger, SlackModalRenderer.Render(form, context.ChannelId), ct);
                return;
            }
        }
        catch (ChatPlatformException ex)
        {
            LogFormFailed(logger, form.Id, ex.Message);
        }

        await replies.EnqueueAsync(context.ReplyTo, ChatMessage.Text("I couldn't open the form. Please try again, or type the command with its text."), ct);
    }

    private IResult NextForm(ChatForm form, string? channelId, string? firstInput)
    {
        try
        {
            return SlackCommandHandler.Json(new JsonObject { ["response_action"] = "update", ["view"] = SlackModalRenderer.Render(form, channelId) });
        }
        catch (ChatPlatformException ex)
        {
            LogFormFailed(logger, form.Id, ex.Message);
            return Errors(firstInput, "The next form could not be shown. Please run the command again.");
        }
    }

    private static IResult Errors(string? blockId, string message) =>
        blockId is null
            ? Results.Ok()
            : SlackCommandHandler.Json(new JsonObject
            {
                ["response_action"] = "errors",
                ["errors"] = new JsonObject { [blockId] = PlainText.Truncate(message, 1000) },
            });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the Slack form {Form} after a click: {Error}")]
    private static partial void LogFormFailed(ILogger logger, string form, string error);
}
