using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Events;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Local;

/// <summary>What the playground answers a person: done, or a reason the page shows beside the input.</summary>
public sealed record PlaygroundOutcome(bool Ok, string? Error = null, int Status = StatusCodes.Status200OK)
{
    public static PlaygroundOutcome Done { get; } = new(true);

    public static PlaygroundOutcome Refused(string error, int status = StatusCodes.Status400BadRequest) => new(false, error, status);
}

/// <summary>
/// What a person does in the playground, done the way a platform webhook would: commands go to the
/// <see cref="CommandDispatcher"/> (answers are written where Slack would show them), messages,
/// edits, deletions and pins go to the <see cref="IChannelEventSink"/> (the incident timeline).
/// </summary>
public sealed partial class Playground(LocalChatStore store, CommandDispatcher dispatcher, IChannelEventSink sink, TimeProvider clock, ILogger<Playground> logger)
{
    public const int MaxText = 4000;

    public async Task<PlaygroundOutcome> SendAsync(string userId, string channelId, string text, CancellationToken ct)
    {
        text = Mentions(text.Trim());
        if (text.StartsWith('/'))
        {
            // Shown only to the person, as Slack shows nobody else a slash command.
            await store.InsertAsync(new LocalMessage { ChannelId = channelId, AuthorId = userId, Text = text, VisibleTo = userId }, ct);
            return await RunAsync(userId, channelId, text, ct);
        }

        var id = await store.InsertAsync(new LocalMessage { ChannelId = channelId, AuthorId = userId, Text = text }, ct);
        var posted = new MessagePosted(LocalPlatform.PlatformName, $"msg-{id}", channelId, clock.GetUtcNow(), Id(id), userId, LocalUsers.NameOf(userId), text, null);
        if (!await IngestAsync(posted, ct))
        {
            await store.MarkDeletedAsync(id, ct);
            return PlaygroundOutcome.Refused("The message could not be recorded; please send it again.", StatusCodes.Status503ServiceUnavailable);
        }

        return PlaygroundOutcome.Done;
    }

    /// <summary>A button runs its command line as if the clicker had typed it.</summary>
    public Task<PlaygroundOutcome> ClickAsync(string userId, string channelId, string command, CancellationToken ct) =>
        RunAsync(userId, channelId, command, ct);

    public async Task<PlaygroundOutcome> SubmitAsync(string userId, string channelId, long formMessageId, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var message = await store.GetMessageAsync(formMessageId, ct);
        if (message is not { Form: { } json } || message.VisibleTo != userId || message.DeletedAt is not null)
        {
            return PlaygroundOutcome.Refused("This form is gone or not yours. Run the command again.", StatusCodes.Status404NotFound);
        }

        var form = JsonSerializer.Deserialize<ChatForm>(json, LocalPlatform.Json)!;
        var filled = Mentions(form.Fill(values));
        var result = await dispatcher.ExecuteLineAsync(filled, Context(userId, channelId), ct);
        if (result is Reply { IsError: true } error)
        {
            // As Slack does: the complaint goes into the form, which stays open.
            return PlaygroundOutcome.Refused(error.Message.Fallback, StatusCodes.Status422UnprocessableEntity);
        }

        await store.MarkDeletedAsync(formMessageId, ct);
        await ShowAsync(userId, channelId, result, ct);
        return PlaygroundOutcome.Done;
    }

    public async Task<PlaygroundOutcome> EditAsync(string userId, long messageId, string text, CancellationToken ct)
    {
        if (await OwnMessageAsync(userId, messageId, ct) is not { } message)
        {
            return PlaygroundOutcome.Refused("You can only edit your own messages.", StatusCodes.Status403Forbidden);
        }

        text = Mentions(text.Trim());
        await store.EditTextAsync(messageId, text, ct);
        var at = clock.GetUtcNow();
        var ok = await IngestAsync(new MessageEdited(LocalPlatform.PlatformName, $"edit-{messageId}-{at.UtcTicks}", message.ChannelId, at, Id(messageId), userId, text), ct);
        return ok ? PlaygroundOutcome.Done : PlaygroundOutcome.Refused("The edit could not be recorded; please try again.", StatusCodes.Status503ServiceUnavailable);
    }

    public async Task<PlaygroundOutcome> DeleteAsync(string userId, long messageId, CancellationToken ct)
    {
        if (await OwnMessageAsync(userId, messageId, ct) is not { } message)
        {
            return PlaygroundOutcome.Refused("You can only delete your own messages.", StatusCodes.Status403Forbidden);
        }

        await store.MarkDeletedAsync(messageId, ct);
        var ok = await IngestAsync(new MessageDeleted(LocalPlatform.PlatformName, $"delete-{messageId}", message.ChannelId, clock.GetUtcNow(), Id(messageId), userId), ct);
        return ok ? PlaygroundOutcome.Done : PlaygroundOutcome.Refused("The deletion could not be recorded; please try again.", StatusCodes.Status503ServiceUnavailable);
    }

    public async Task<PlaygroundOutcome> PinAsync(string userId, long messageId, CancellationToken ct)
    {
        var message = await store.GetMessageAsync(messageId, ct);
        if (message is null || message.DeletedAt is not null || message.VisibleTo is not null)
        {
            return PlaygroundOutcome.Refused("There is no such message to pin.", StatusCodes.Status404NotFound);
        }

        await store.PinAsync(messageId, ct);
        var ok = await IngestAsync(new MessageMarkedKey(LocalPlatform.PlatformName, $"pin-{messageId}", message.ChannelId, clock.GetUtcNow(), Id(messageId), userId, "pin"), ct);
        return ok ? PlaygroundOutcome.Done : PlaygroundOutcome.Refused("The pin could not be recorded; please try again.", StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>"@bob" for a playground user becomes the neutral mention "&lt;@bob&gt;" that commands understand.</summary>
    public static string Mentions(string text) =>
        AtName().Replace(text, m => LocalUsers.Find(m.Groups["id"].Value) is { } user ? $"<@{user.Id}>" : m.Value);

    private async Task<PlaygroundOutcome> RunAsync(string userId, string channelId, string line, CancellationToken ct)
    {
        var result = await dispatcher.ExecuteLineAsync(line, Context(userId, channelId), ct);
        await ShowAsync(userId, channelId, result, ct);
        return PlaygroundOutcome.Done;
    }

    private async Task ShowAsync(string userId, string channelId, CommandResult result, CancellationToken ct)
    {
        switch (result)
        {
            case Reply reply:
                await store.InsertAsync(LocalPlatform.BotMessage(channelId, reply.Message, reply.Ephemeral ? userId : null), ct);
                break;
            case ShowForm show:
                await store.InsertAsync(LocalPlatform.FormMessage(channelId, userId, show.Form), ct);
                break;
        }
    }

    private CommandContext Context(string userId, string channelId)
    {
        var now = clock.GetUtcNow();
        return new CommandContext(
            LocalPlatform.PlatformName, userId, channelId, new ReplyTarget(channelId, userId, Ephemeral: true, IssuedAt: now),
            now, LocalPlatform.Trigger(channelId, userId), LocalUsers.NameOf(userId));
    }

    private async Task<LocalMessage?> OwnMessageAsync(string userId, long messageId, CancellationToken ct) =>
        await store.GetMessageAsync(messageId, ct) is { } m && m.AuthorId == userId && m.VisibleTo is null && m.DeletedAt is null ? m : null;

    private async Task<bool> IngestAsync(ChannelEvent channelEvent, CancellationToken ct)
    {
        try
        {
            await sink.IngestAsync(channelEvent, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As a webhook answers non-2xx: the person sees a failure and sends again.
            LogIngestFailed(logger, ex, channelEvent.EventId);
            return false;
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record playground event {EventId} in the timeline")]
    private static partial void LogIngestFailed(ILogger logger, Exception ex, string eventId);

    [GeneratedRegex(@"(?<![<\w])@(?<id>[a-z][a-z0-9_\-]{0,40})\b", RegexOptions.CultureInvariant)]
    private static partial Regex AtName();
}
