using System.Globalization;

namespace ChatOps.Maintenance;

/// <summary>Planned windows need the minimum notice; emergencies may be shorter but wait for an approver.</summary>
public enum WindowKind
{
    Planned,
    Emergency,
}

/// <summary>What is stored. Whether a window is running or over follows from the clock (<see cref="MaintenanceWindow.PhaseAt"/>).</summary>
public enum WindowStatus
{
    Pending,
    Scheduled,
    Cancelled,
}

/// <summary>What a reader is told: stored status plus the clock.</summary>
public enum WindowPhase
{
    PendingApproval,
    Upcoming,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>One maintenance window as stored. Instants are UTC.</summary>
public sealed record MaintenanceWindow
{
    public long Id { get; init; }
    public required string Title { get; init; }
    public string? Scope { get; init; }
    public WindowKind Kind { get; init; }
    public WindowStatus Status { get; init; }
    public required string Platform { get; init; }
    public required string ChannelId { get; init; }
    public required string PlannerId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>The end as first planned; later than this means the window was extended.</summary>
    public DateTimeOffset PlannedEndsAt { get; init; }
    public string? Reason { get; init; }
    public string? ApprovedBy { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public string? ConfirmedBy { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public string? CancelledBy { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public string? RollbackPlan { get; init; }
    public DateOnly? LastBackup { get; init; }

    /// <summary>
    /// The stored form of <see cref="LastBackup"/> (text on both engines). Npgsql will not read
    /// text as a DateOnly, so the store maps this instead.
    /// </summary>
    internal string? LastBackupText
    {
        get => LastBackup?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        init => LastBackup = value is null ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public string? StagingTested { get; init; }
    public string? SequentialRollout { get; init; }
    public string? DryRun { get; init; }
    public string? RequestKey { get; init; }
    public int Revision { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The label people say out loud: MW-7.</summary>
    public string Label => MaintenanceLabel.Of(Id);

    public TimeSpan Duration => EndsAt - StartsAt;

    public bool IsExtended => EndsAt > PlannedEndsAt;

    /// <summary>When the window became public: on scheduling, or for an emergency on approval.</summary>
    public DateTimeOffset? ActivatedAt => Status == WindowStatus.Scheduled ? ApprovedAt ?? CreatedAt : null;

    public Checklist Checklist => new(RollbackPlan, LastBackup, StagingTested, SequentialRollout, DryRun);

    public WindowPhase PhaseAt(DateTimeOffset now) => Status switch
    {
        WindowStatus.Cancelled => WindowPhase.Cancelled,
        WindowStatus.Pending => WindowPhase.PendingApproval,
        _ when now >= EndsAt => WindowPhase.Completed,
        _ when now >= StartsAt => WindowPhase.InProgress,
        _ => WindowPhase.Upcoming,
    };
}

public static class MaintenanceLabel
{
    public static string Of(long id) => $"MW-{id}";

    /// <summary>"7", "#7", "MW-7", "mw7" -> 7.</summary>
    public static long? Parse(string word)
    {
        var text = word.Trim().TrimStart('#');
        if (text.StartsWith("mw", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..].TrimStart('-');
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
    }

    public static string PhaseText(this WindowPhase phase) => phase switch
    {
        WindowPhase.PendingApproval => "awaiting approval",
        WindowPhase.Upcoming => "scheduled",
        WindowPhase.InProgress => "in progress",
        WindowPhase.Completed => "completed",
        _ => "cancelled",
    };
}
