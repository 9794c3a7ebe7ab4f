namespace ChatOps.Incidents;

public enum Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}

/// <summary>Lifecycle: Active -> Mitigated -> Resolved -> Closed (reopen goes back to Active).</summary>
public enum IncidentStatus
{
    Active,
    Mitigated,
    Resolved,
    Closed,
}

/// <summary>One incident as stored. Platform and channel ids are opaque strings to this layer.</summary>
public sealed record Incident
{
    public long Number { get; init; }
    public required string Title { get; init; }
    public Severity Severity { get; init; }
    public IncidentStatus Status { get; init; }
    public required string Platform { get; init; }
    public string? OriginChannelId { get; init; }
    public string? ChannelId { get; init; }
    public string? ChannelName { get; init; }
    public required string CommanderId { get; init; }
    public required string DeclaredBy { get; init; }
    public DateTimeOffset DeclaredAt { get; init; }
    public DateTimeOffset? MitigatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? LastStatusAt { get; init; }

    /// <summary>The last severity change: it re-plans the update clock (see <see cref="CadencePolicy"/>).</summary>
    public DateTimeOffset? SeverityChangedAt { get; init; }

    /// <summary>/incident snooze: no reminder before this instant.</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }
    public string? SummaryMessageId { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>The label people say out loud: INC-42.</summary>
    public string Label => IncidentLabel.Of(Number);

    public bool IsOpen => Status is IncidentStatus.Active or IncidentStatus.Mitigated;
}

public static class IncidentLabel
{
    public static string Of(long number) => $"INC-{number}";
}
