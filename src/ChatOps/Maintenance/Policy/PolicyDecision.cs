namespace ChatOps.Maintenance.Policy;

/// <summary>The notice and duration limits, from <see cref="MaintenanceOptions"/>.</summary>
public sealed record MaintenanceRules(TimeSpan MinimumNotice, TimeSpan MaximumDuration)
{
    public static MaintenanceRules From(MaintenanceOptions options) => new(options.MinimumNotice, options.MaximumDuration);
}

public enum Refusal
{
    None,
    NotFound,
    DurationNotPositive,
    DurationTooLong,
    StartInPast,
    NoticeTooShort,
    Overlap,
    NotAllowed,
    SelfApproval,
    NoApprovers,
    NotPending,
    Cancelled,
    Over,
    NotRunning,
}

/// <summary>
/// Allowed, or refused with a reason a person can act on. <see cref="EarliestStart"/> comes with
/// a notice refusal; <see cref="Conflict"/> names the overlapping window (a refusal, or only a
/// warning while a window overruns).
/// </summary>
public sealed record PolicyDecision(Refusal Refusal, string? Problem = null, DateTimeOffset? EarliestStart = null, MaintenanceWindow? Conflict = null)
{
    public static PolicyDecision Allow { get; } = new(Refusal.None);

    public bool Allowed => Refusal == Refusal.None;

    public static PolicyDecision Refuse(Refusal refusal, string problem) => new(refusal, problem);
}

/// <summary>A window someone asks for, before it is stored.</summary>
public sealed record WindowProposal(DateTimeOffset Start, TimeSpan Duration, string? Scope, WindowKind Kind)
{
    public DateTimeOffset End => Start + Duration;
}
