namespace ChatOps.Storage.Outbox;

/// <summary>
/// Work to deliver after the state change commits. <paramref name="QueueKey"/> orders delivery
/// (one row at a time per key, in id order): use the destination, such as "slack:C0123".
/// <paramref name="DedupeKey"/> makes enqueueing idempotent across processes.
/// </summary>
public sealed record OutboxMessage(
    string QueueKey,
    string Kind,
    string Payload,
    long? IncidentNumber = null,
    string? DedupeKey = null,
    DateTimeOffset? NotBefore = null);

/// <summary>A claimed row, handed to the handler registered for its kind.</summary>
public sealed record OutboxItem
{
    public long Id { get; init; }
    public required string QueueKey { get; init; }
    public required string Kind { get; init; }
    public required string Payload { get; init; }
    public long? IncidentNumber { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Delivers one kind of outbox row. Throw <see cref="DeliveryException"/> to say how it failed.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task HandleAsync(OutboxItem item, CancellationToken ct);
}

/// <summary>
/// A delivery failure with its verdict: permanent failures are recorded and not retried;
/// transient ones are retried later (after <see cref="RetryAfter"/> when the platform said so).
/// </summary>
public sealed class DeliveryException(string message, bool permanent, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Told about rows that failed for good, so the failure reaches the incident timeline as well as the log.</summary>
public interface IDeliveryFailureRecorder
{
    Task RecordAsync(OutboxItem item, string error, CancellationToken ct);
}
