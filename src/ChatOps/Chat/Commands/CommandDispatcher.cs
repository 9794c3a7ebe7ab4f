namespace ChatOps.Chat.Commands;

/// <summary>
/// Routes "/incident ...", "/diag ...", "/maint ..." (from any platform, typed, clicked or
/// submitted through a form) to their module. An unknown command or an unexpected failure is
/// answered with a short message, never an exception the webhook would turn into a 5xx.
/// </summary>
public sealed partial class CommandDispatcher(IEnumerable<ICommandModule> modules, ILogger<CommandDispatcher> logger)
{
    private readonly Dictionary<string, ICommandModule> _modules = modules.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ICommandModule> Modules => _modules.Values;

    /// <summary>Runs a full command line such as "/incident status #42 rolling back".</summary>
    public Task<CommandResult> ExecuteLineAsync(string line, CommandContext context, CancellationToken ct)
    {
        var text = new CommandText(line);
        return ExecuteAsync(text.NextWord(), text.Rest, context, ct);
    }

    public async Task<CommandResult> ExecuteAsync(string command, string text, CommandContext context, CancellationToken ct)
    {
        var name = command.TrimStart('/');
        if (!_modules.TryGetValue(name, out var module))
        {
            var known = string.Join(", ", _modules.Keys.Order().Select(k => "/" + k));
            return CommandResult.Usage($"I don't know the command /{name}.", $"one of {known}");
        }

        try
        {
            return await module.ExecuteAsync(text, context, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(logger, ex, name, context.Platform, context.UserId);
            return CommandResult.Private("Something went wrong on my side running that command. Please try again in a moment.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "/{Command} failed for {Platform} user {User}")]
    private static partial void LogFailed(ILogger logger, Exception ex, string command, string platform, string user);
}
