using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Api;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// POST /slack/commands: verify, dispatch, answer in the HTTP response (Slack shows it to the user).
/// A form is opened right here because the trigger_id dies after three seconds.
/// </summary>
public sealed partial class SlackCommandHandler(
    SlackRequestReader reader,
    CommandDispatcher dispatcher,
    SlackViewsApi views,
    TimeProvider clock,
    ILogger<SlackCommandHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, CancellationToken ct)
    {
        var body = await SlackRequestReader.ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return SlackRequestReader.TooLarge();
        }

        var form = SlackJson.ParseForm(body);
        if (form.GetValueOrDefault("ssl_check") == "1")
        {
            // Slack's certificate check: answer and do nothing with anything else in the body.
            return Results.Ok();
        }

        if (reader.Verify(http.Request, body) is { } rejection)
        {
            return rejection;
        }

        var command = form.GetValueOrDefault("command");
        var userId = form.GetValueOrDefault("user_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(userId))
        {
            return Results.Text("A slash command needs 'command' and 'user_id'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var channelId = form.GetValueOrDefault("channel_id") ?? string.Empty;
        var trigger = form.GetValueOrDefault("trigger_id");
        var now = clock.GetUtcNow();
        var context = new CommandContext(
            SlackPlatform.PlatformName, userId, channelId,
            new ReplyTarget(channelId, userId, Ephemeral: true, Handle: form.GetValueOrDefault("response_url"), IssuedAt: now),
            now, trigger, form.GetValueOrDefault("user_name"));

        var result = await dispatcher.ExecuteAsync(command, form.GetValueOrDefault("text") ?? string.Empty, context, ct);
        return result switch
        {
            Reply reply => Json(SlackChatApi.ResponseBody(reply.Message, reply.Ephemeral)),
            ShowForm show => await OpenFormAsync(show.Form, trigger, channelId, ct),
            _ => Results.Ok(),
        };
    }

    internal static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(SlackApi.Wire), "application/json; charset=utf-8");

    private async Task<IResult> OpenFormAsync(ChatForm form, string? trigger, string channelId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(trigger))
        {
            return CannotOpen(form, "Slack sent no trigger_id to open it with");
        }

        try
        {
            await views.OpenAsync(trigger, SlackModalRenderer.Render(form, channelId), ct);
            return Results.Ok();
        }
        catch (ChatPlatformException ex)
        {
            return CannotOpen(form, ex.Message);
        }
    }

    private IResult CannotOpen(ChatForm form, string reason)
    {
        LogFormFailed(logger, form.Id, reason);
        var explanation = ChatMessage.Text($"I couldn't open the form ({reason}). Please try again, or type the command with its text.");
        return Json(SlackChatApi.ResponseBody(explanation, ephemeral: true));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the Slack form {Form}: {Error}")]
    private static partial void LogFormFailed(ILogger logger, string form, string error);
}
