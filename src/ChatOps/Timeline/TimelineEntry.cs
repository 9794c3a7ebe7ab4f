namespace ChatOps.Timeline;

/// <summary>What a timeline entry records. Stored by name, so append new kinds at will.</summary>
public enum TimelineKind
{
    Declared,
    Message,
    Status,
    Severity,
    Role,
    Note,
    Action,
    Mitigated,
    Resolved,
    Closed,
    Reopened,
    Pin,
    Reminder,
    Escalation,
    Checkpoint,
    Diagnostics,
    Postmortem,
    DeliveryFailed,
}

/// <summary>One line of an incident's append-only record. Deleted entries keep their text for audit.</summary>
public sealed record TimelineEntry
{
    public long Id { get; init; }
    public long IncidentNumber { get; init; }
    public TimelineKind Kind { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string? AuthorId { get; init; }
    public string? AuthorName { get; init; }
    public required string Text { get; init; }
    public bool IsKey { get; init; }
    public string? SourceChannel { get; init; }
    public string? SourceMessageId { get; init; }
    public string? ThreadRef { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public string? DeletedBy { get; init; }

    /// <summary>Kind-specific details as JSON (for example the severity before and after).</summary>
    public string? Data { get; init; }

    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>An earlier or later text of an entry: the original is the entry, edits are revisions.</summary>
public sealed record TimelineRevision
{
    public long Id { get; init; }
    public long EntryId { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset EditedAt { get; init; }
    public string? EditedBy { get; init; }
}
