using Microsoft.Extensions.Options;

namespace ChatOps.Storage.Outbox;

/// <summary>
/// Delivers outbox rows: claims queue heads, runs the handler for each row's kind with the claim
/// renewed while it runs, then completes, reschedules (exponential backoff, or the platform's
/// Retry-After) or fails the row. Immediate retries of a single call live in the platform
/// clients' Polly pipelines; this is the durable retry that survives restarts.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    OutboxSignal signal,
    IEnumerable<IOutboxHandler> handlers,
    IEnumerable<IDeliveryFailureRecorder> failureRecorders,
    IOptions<OutboxOptions> options,
    Database database,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!database.IsPostgres)
        {
            await store.ReleaseAllClaimsAsync(stoppingToken);
        }

        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            var free = settings.Concurrency - inFlight.Count;
            IReadOnlyList<OutboxItem> claimed = [];
            if (free > 0)
            {
                try
                {
                    claimed = await store.ClaimAsync(_worker, free, settings.Lease, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogClaimFailed(logger, ex.Message);
                }
            }

            foreach (var item in claimed)
            {
                inFlight.Add(DeliverAsync(item, settings, stoppingToken));
            }

            try
            {
                if (claimed.Count == 0)
                {
                    // Nothing due: wait for a local commit, a finished delivery or the poll tick.
                    Task waitSignal = signal.WaitAsync(settings.PollInterval, stoppingToken);
                    await (inFlight.Count == 0 ? waitSignal : Task.WhenAny(inFlight.Append(waitSignal)));
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task DeliverAsync(OutboxItem item, OutboxOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            await using var renewal = clock.CreateTimer(
                _ => _ = store.RenewAsync(item.Id, _worker, settings.Lease, CancellationToken.None),
                null, settings.Lease / 3, settings.Lease / 3);

            if (!_handlers.TryGetValue(item.Kind, out var handler))
            {
                await FailAsync(item, $"no handler for outbox kind '{item.Kind}'");
                return;
            }

            await handler.HandleAsync(item, stoppingToken);
            await store.CompleteAsync(item.Id, _worker, CancellationToken.None);
        }
        catch (DeliveryException ex) when (ex.Permanent || item.Attempts >= settings.MaxAttempts)
        {
            await FailAsync(item, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: give the row back so the next run (or another replica) delivers it.
            await store.RetryLaterAsync(item.Id, _worker, clock.GetUtcNow(), "interrupted by shutdown", CancellationToken.None);
        }
        catch (Exception ex)
        {
            if (item.Attempts >= settings.MaxAttempts)
            {
                await FailAsync(item, ex.Message);
                return;
            }

            var retryAfter = (ex as DeliveryException)?.RetryAfter ?? Backoff(item.Attempts, settings.MaxBackoff);
            LogRetry(logger, item.Id, item.Kind, item.Attempts, retryAfter, ex.Message);
            await store.RetryLaterAsync(item.Id, _worker, clock.GetUtcNow() + retryAfter, ex.Message, CancellationToken.None);
        }
        finally
        {
            signal.Notify();
        }
    }

    private async Task FailAsync(OutboxItem item, string error)
    {
        LogFailed(logger, item.Id, item.Kind, item.QueueKey, error);
        if (!await store.FailAsync(item.Id, _worker, error, CancellationToken.None))
        {
            return;
        }

        foreach (var recorder in failureRecorders)
        {
            try
            {
                await recorder.RecordAsync(item, error, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogRecorderFailed(logger, item.Id, ex.Message);
            }
        }
    }

    /// <summary>1 s, 2 s, 4 s ... capped; the jitter spreads replicas that failed together.</summary>
    internal static TimeSpan Backoff(int attempts, TimeSpan ceiling)
    {
        var seconds = Math.Min(Math.Pow(2, Math.Max(0, attempts - 1)), ceiling.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox claim failed: {Error}")]
    private static partial void LogClaimFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id} ({Kind}) attempt {Attempt} failed, retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, string kind, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} ({Kind}, {Queue}) failed permanently: {Error}")]
    private static partial void LogFailed(ILogger logger, long id, string kind, string queue, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording the failure of outbox row {Id} failed: {Error}")]
    private static partial void LogRecorderFailed(ILogger logger, long id, string error);
}
