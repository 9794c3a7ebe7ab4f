namespace ChatOps.Incidents;

/// <summary>Roles people hold during an incident. The declarer starts as incident commander.</summary>
public enum IncidentRole
{
    Commander,
    Comms,
    Ops,
    Scribe,
}

public sealed record RoleAssignment
{
    public long IncidentNumber { get; init; }
    public IncidentRole Role { get; init; }
    public required string UserId { get; init; }
    public required string AssignedBy { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
}

public enum ActionItemStatus
{
    Open,
    Done,
}

/// <summary>A follow-up from /incident action: the postmortem lists them with owners and due dates.</summary>
public sealed record ActionItem
{
    public long Id { get; init; }
    public long IncidentNumber { get; init; }
    public required string Text { get; init; }
    public string? OwnerId { get; init; }
    public DateOnly? DueDate { get; init; }
    public ActionItemStatus Status { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class IncidentRoleNames
{
    /// <summary>"ic", "commander", "comms", "ops", "scribe" -> role.</summary>
    public static IncidentRole? Parse(string word) => word.ToLowerInvariant() switch
    {
        "ic" or "commander" or "incident-commander" => IncidentRole.Commander,
        "comms" or "communications" or "comms-lead" => IncidentRole.Comms,
        "ops" or "operations" or "ops-lead" => IncidentRole.Ops,
        "scribe" => IncidentRole.Scribe,
        _ => null,
    };

    public static string Label(this IncidentRole role) => role switch
    {
        IncidentRole.Commander => "Incident commander",
        IncidentRole.Comms => "Comms lead",
        IncidentRole.Ops => "Ops lead",
        _ => "Scribe",
    };
}
