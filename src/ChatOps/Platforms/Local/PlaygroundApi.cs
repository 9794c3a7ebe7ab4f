using System.Text.Json;
using ChatOps.Chat.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOps.Platforms.Local;

/// <summary>
/// The JSON the /playground page talks to. Writes accept only application/json, so another site
/// open in the same browser cannot post into the playground with a plain form.
/// </summary>
internal static class PlaygroundApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/playground/api");
        api.MapGet("/users", () => TypedResults.Ok(LocalUsers.All.Select(u => new UserView(u.Id, u.DisplayName)).ToArray()));
        api.MapGet("/channels", ChannelsAsync);
        api.MapGet("/channels/{id}/messages", MessagesAsync);
        api.MapPost("/send", (SendRequest r, Playground p, LocalChatStore s, CancellationToken ct) =>
            WithChannel(r.User, r.Channel, s, ct, () => string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > Playground.MaxText
                ? Task.FromResult(PlaygroundOutcome.Refused($"Type a message or a command (at most {Playground.MaxText} characters)."))
                : p.SendAsync(r.User, r.Channel, r.Text, ct))).Accepts<SendRequest>("application/json");
        api.MapPost("/click", (ClickRequest r, Playground p, LocalChatStore s, CancellationToken ct) =>
            WithChannel(r.User, r.Channel, s, ct, () => string.IsNullOrWhiteSpace(r.Command) || !r.Command.StartsWith('/')
                ? Task.FromResult(PlaygroundOutcome.Refused("A button carries a command starting with /."))
                : p.ClickAsync(r.User, r.Channel, r.Command, ct)));
        api.MapPost("/submit", (SubmitRequest r, Playground p, LocalChatStore s, CancellationToken ct) =>
            WithChannel(r.User, r.Channel, s, ct, () => p.SubmitAsync(r.User, r.Channel, r.Form, r.Values ?? new Dictionary<string, string>(), ct)));
        api.MapPost("/edit", (EditRequest r, Playground p, LocalChatStore s, CancellationToken ct) =>
            WithChannel(r.User, r.Channel, s, ct, () => string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > Playground.MaxText
                ? Task.FromResult(PlaygroundOutcome.Refused("An edit needs text."))
                : p.EditAsync(r.User, r.Message, r.Text, ct)));
        api.MapPost("/delete", (MessageRequest r, Playground p, LocalChatStore s, CancellationToken ct) =>
            WithChannel(r.User, r.Channel, s, ct, () => p.DeleteAsync(r.User, r.Message, ct)));
        api.MapPost("/pin", (MessageRequest r, Playground p, LocalChatStore s, CancellationToken ct) =>
            WithChannel(r.User, r.Channel, s, ct, () => p.PinAsync(r.User, r.Message, ct)));
    }

    private static async Task<Results<Ok<ChannelView[]>, BadRequest<ErrorView>>> ChannelsAsync(string? user, LocalChatStore store, CancellationToken ct)
    {
        if (LocalUsers.Find(user) is null)
        {
            return TypedResults.BadRequest(UnknownUser(user));
        }

        var channels = await store.ListChannelsAsync(user!, ct);
        return TypedResults.Ok(channels.Select(c => new ChannelView(c.Id, c.Name, c.Kind, c.Topic, c.Description)).ToArray());
    }

    private static async Task<Results<Ok<MessageView[]>, BadRequest<ErrorView>, NotFound<ErrorView>>> MessagesAsync(
        string id, string? user, LocalChatStore store, CancellationToken ct)
    {
        if (LocalUsers.Find(user) is null)
        {
            return TypedResults.BadRequest(UnknownUser(user));
        }

        if (await store.GetChannelAsync(id, ct) is not { } channel || (channel.Kind == LocalChatStore.Direct && channel.OwnerId != user))
        {
            return TypedResults.NotFound(new ErrorView($"There is no channel '{Short(id)}'."));
        }

        var messages = await store.ListMessagesAsync(id, user!, 300, ct);
        return TypedResults.Ok(messages.Where(m => m.Form is null || m.DeletedAt is null).Select(m => View(m, user!)).ToArray());
    }

    private static MessageView View(LocalMessage m, string user)
    {
        var html = m switch
        {
            { DeletedAt: not null } => "<em class=\"deleted\">This message was deleted.</em>",
            { Form: { } form } => LocalHtml.Form(JsonSerializer.Deserialize<ChatForm>(form, LocalPlatform.Json)!, m.Id),
            { Body: { } body } => LocalHtml.Message(JsonSerializer.Deserialize<ChatMessage>(body, LocalPlatform.Json)!),
            { FileName: { } file } => LocalHtml.UserText(m.Text) + LocalHtml.File(file, m.FileContent ?? string.Empty),
            _ => LocalHtml.UserText(m.Text),
        };
        return new MessageView(m.Id, m.AuthorId, m.AuthorId is null ? "ChatOps" : LocalUsers.NameOf(m.AuthorId), m.AuthorId is null, m.PostedAt, html,
            m.AuthorId == user && m.VisibleTo is null && m.DeletedAt is null, m.VisibleTo is not null, m.EditedAt is not null && m.AuthorId is not null,
            m.DeletedAt is not null, m.Pinned);
    }

    private static async Task<IResult> WithChannel(string? user, string? channel, LocalChatStore store, CancellationToken ct, Func<Task<PlaygroundOutcome>> action)
    {
        if (LocalUsers.Find(user) is null)
        {
            return TypedResults.BadRequest(UnknownUser(user));
        }

        if (string.IsNullOrEmpty(channel) || await store.GetChannelAsync(channel, ct) is not { } c || (c.Kind == LocalChatStore.Direct && c.OwnerId != user))
        {
            return TypedResults.NotFound(new ErrorView($"There is no channel '{Short(channel)}'."));
        }

        var outcome = await action();
        return outcome.Ok ? TypedResults.Ok(new ErrorView(null)) : TypedResults.Json(new ErrorView(outcome.Error), statusCode: outcome.Status);
    }

    private static ErrorView UnknownUser(string? user) =>
        new($"'{Short(user)}' is not a playground user; pick one of {string.Join(", ", LocalUsers.All.Select(u => u.Id))}.");

    private static string Short(string? text) => text is null ? string.Empty : text.Length > 40 ? text[..40] : text;
}

internal sealed record UserView(string Id, string Name);

internal sealed record ChannelView(string Id, string Name, string Kind, string? Topic, string? Description);

internal sealed record MessageView(
    long Id, string? Author, string AuthorName, bool Bot, DateTimeOffset At, string Html, bool Mine, bool Ephemeral, bool Edited, bool Deleted, bool Pinned);

internal sealed record ErrorView(string? Error);

internal sealed record SendRequest(string User, string Channel, string Text);

internal sealed record ClickRequest(string User, string Channel, string Command);

internal sealed record SubmitRequest(string User, string Channel, long Form, Dictionary<string, string>? Values);

internal sealed record EditRequest(string User, string Channel, long Message, string Text);

internal sealed record MessageRequest(string User, string Channel, long Message);
