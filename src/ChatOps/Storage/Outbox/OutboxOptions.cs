namespace ChatOps.Storage.Outbox;

/// <summary>Bound from <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often to look for due rows when no local commit signalled (other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows (each from a different queue) delivered at once by one process.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claim lasts without renewal; a crashed worker's rows return after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transient failures before a row is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 40;

    /// <summary>Ceiling of the exponential backoff between durable retries.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
