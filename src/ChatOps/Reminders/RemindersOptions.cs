using ChatOps.Incidents;

namespace ChatOps.Reminders;

/// <summary>Bound from <c>Incidents:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    /// <summary>How long after an update falls due before it is "overdue" (broadcast + escalation DMs); empty: half the cadence.</summary>
    public TimeSpan? Grace { get; set; }

    /// <summary>What the "Snooze" button and a bare /incident snooze hold reminders for.</summary>
    public TimeSpan Snooze { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest snooze one command may ask for.</summary>
    public TimeSpan MaxSnooze { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the reminder sweep looks at open incidents: the most a reminder is late.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Ceiling of the backoff between repeated escalations (they start one cadence apart and double).</summary>
    public TimeSpan MaxEscalationInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>False turns checkpoints off.</summary>
    public bool CheckpointsEnabled { get; set; } = true;

    /// <summary>Checkpoints; unset means <see cref="DefaultCheckpoints"/>. Setting any replaces the defaults.</summary>
    public List<CheckpointOptions>? Checkpoints { get; set; }

    public static IReadOnlyList<CheckpointOptions> DefaultCheckpoints { get; } =
    [
        new() { After = TimeSpan.FromMinutes(30), Severities = [1, 2], Text = "Recovery failing for 30 minutes: escalate, consider outside help." },
        new() { After = TimeSpan.FromMinutes(45), Severities = [1, 2], Text = "Decide: keep repairing, or restore/rebuild." },
    ];

    public IReadOnlyList<CheckpointOptions> EffectiveCheckpoints => !CheckpointsEnabled ? [] : Checkpoints ?? DefaultCheckpoints;

    public IEnumerable<string> Validate()
    {
        if (Grace is { } grace && grace < TimeSpan.Zero)
        {
            yield return "Incidents:Reminders:Grace must not be negative.";
        }

        if (Snooze <= TimeSpan.Zero || MaxSnooze < Snooze)
        {
            yield return "Incidents:Reminders:Snooze must be positive and at most Incidents:Reminders:MaxSnooze.";
        }

        if (SweepInterval < TimeSpan.FromMilliseconds(200) || SweepInterval > TimeSpan.FromMinutes(5))
        {
            yield return "Incidents:Reminders:SweepInterval must be between 00:00:00.2 and 00:05:00.";
        }

        if (MaxEscalationInterval <= TimeSpan.Zero)
        {
            yield return "Incidents:Reminders:MaxEscalationInterval must be positive.";
        }

        foreach (var (checkpoint, index) in (Checkpoints ?? []).Select((c, i) => (c, i)))
        {
            if (checkpoint.After <= TimeSpan.Zero || checkpoint.Text.Trim().Length == 0 || checkpoint.Severities.Any(s => s is < 1 or > 4))
            {
                yield return $"Incidents:Reminders:Checkpoints:{index} needs a positive After, a Text and Severities between 1 and 4.";
            }
        }
    }
}

/// <summary>A point in an unmitigated incident where the channel is asked to decide something.</summary>
public sealed class CheckpointOptions
{
    /// <summary>Time since the declaration, while the incident is still unmitigated.</summary>
    public TimeSpan After { get; set; }

    /// <summary>Severities (1-4) it applies to.</summary>
    public List<int> Severities { get; set; } = [];

    public string Text { get; set; } = string.Empty;

    /// <summary>Stable name in send keys ("1800s"): one post per checkpoint per incident.</summary>
    public string Key => $"{(long)After.TotalSeconds}s";

    public bool AppliesTo(Severity severity) => Severities.Contains((int)severity);
}

/// <summary>Bound from <c>Incidents:Escalation</c>: who is messaged directly when an update is overdue, per severity.</summary>
public sealed class EscalationOptions
{
    public List<string> Sev1 { get; set; } = [];

    public List<string> Sev2 { get; set; } = [];

    public List<string> Sev3 { get; set; } = [];

    public List<string> Sev4 { get; set; } = [];

    public IReadOnlyList<string> For(Severity severity) => severity switch
    {
        Severity.Sev1 => Sev1,
        Severity.Sev2 => Sev2,
        Severity.Sev3 => Sev3,
        _ => Sev4,
    };
}
