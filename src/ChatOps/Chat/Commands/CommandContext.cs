using ChatOps.Chat.Messages;

namespace ChatOps.Chat.Commands;

/// <summary>Who ran a command, where, and how to answer them later.</summary>
public sealed record CommandContext(
    string Platform,
    string UserId,
    string ChannelId,
    ReplyTarget ReplyTo,
    DateTimeOffset ReceivedAt,
    string? Trigger = null,
    string? UserName = null);

/// <summary>What a command answers right away, inside the platform's acknowledgement window.</summary>
public abstract record CommandResult
{
    public static CommandResult Private(ChatMessage message) => new Reply(message, Ephemeral: true);

    public static CommandResult Private(Rich text) => new Reply(ChatMessage.Text(text), Ephemeral: true);

    public static CommandResult Public(ChatMessage message) => new Reply(message, Ephemeral: false);

    /// <summary>A specific complaint plus the usage line, shown only to the person who typed it.</summary>
    public static CommandResult Usage(string problem, string usage) =>
        new Reply(
            new ChatMessage(
                $"{problem} Usage: {usage}",
                [new Section(Rich.Of(new Plain("⚠️ "), new Plain(problem))), new Context([Rich.Of(new Plain("Usage: "), new Code(usage))])]),
            Ephemeral: true,
            IsError: true);
}

/// <summary>A message back to the caller. <paramref name="IsError"/> marks refusals and usage errors (forms show them inline).</summary>
public sealed record Reply(ChatMessage Message, bool Ephemeral = true, bool IsError = false) : CommandResult;

/// <summary>Open a form instead of answering (commands typed without their text).</summary>
public sealed record ShowForm(ChatForm Form) : CommandResult;

/// <summary>One line of /x help.</summary>
public sealed record HelpLine(string Usage, string Description);

/// <summary>
/// One top-level command (/incident, /diag, /maint): its grammar and its handlers. Execute must
/// return within the platform's acknowledgement window: persist, enqueue, answer; slow work
/// (platform calls, cluster reads) goes through the outbox.
/// </summary>
public interface ICommandModule
{
    /// <summary>The command word without the slash: "incident".</summary>
    string Name { get; }

    IReadOnlyList<HelpLine> Help { get; }

    Task<CommandResult> ExecuteAsync(string text, CommandContext context, CancellationToken ct);
}
