using Quartz;

namespace ChatOps.Storage;

/// <summary>
/// Forgets processed event ids once no platform can redeliver them (Slack retries for at most a
/// day with delayed events; Teams for minutes), so the de-duplication table stays small.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class InboundEventPruneJob(Database database, InboundEventStore events, TimeProvider clock, ILogger<InboundEventPruneJob> logger) : IJob
{
    public static readonly JobKey Key = new("inbound-event-prune", "storage");
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(3);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var removed = await events.PruneAsync(connection, clock.GetUtcNow() - KeepFor, cancellationToken);
        LogPruned(logger, removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} processed event ids")]
    private static partial void LogPruned(ILogger logger, int count);
}
