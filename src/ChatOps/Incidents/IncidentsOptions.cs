using System.Text.RegularExpressions;
using ChatOps.Reminders;

namespace ChatOps.Incidents;

/// <summary>Bound from <c>Incidents</c>.</summary>
public sealed partial class IncidentsOptions
{
    public const string Section = "Incidents";

    /// <summary>Incident channels are named &lt;prefix&gt;-&lt;number&gt;-&lt;slug&gt;.</summary>
    public string ChannelPrefix { get; set; } = "inc";

    public StatusCadenceOptions StatusCadence { get; set; } = new();

    /// <summary>Status-update reminders: grace, snooze, checkpoints (the Reminders feature).</summary>
    public ReminderOptions Reminders { get; set; } = new();

    /// <summary>Who is told directly when an update is overdue.</summary>
    public EscalationOptions Escalation { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (!PrefixPattern().IsMatch(ChannelPrefix))
        {
            yield return "Incidents:ChannelPrefix must be 1-20 characters of a-z, 0-9, '-' or '_'.";
        }

        foreach (var (key, value) in StatusCadence.All())
        {
            if (value is { } v && v < TimeSpan.Zero)
            {
                yield return $"Incidents:StatusCadence:{key} must not be negative.";
            }
        }

        foreach (var error in Reminders.Validate())
        {
            yield return error;
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,20}$")]
    private static partial Regex PrefixPattern();
}

/// <summary>Time between required status updates per severity; empty or zero means none.</summary>
public sealed class StatusCadenceOptions
{
    public TimeSpan? Sev1 { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan? Sev2 { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan? Sev3 { get; set; } = TimeSpan.FromMinutes(60);

    public TimeSpan? Sev4 { get; set; }

    public TimeSpan? For(Severity severity)
    {
        var value = severity switch
        {
            Severity.Sev1 => Sev1,
            Severity.Sev2 => Sev2,
            Severity.Sev3 => Sev3,
            _ => Sev4,
        };
        return value is { } v && v > TimeSpan.Zero ? v : null;
    }

    internal IEnumerable<(string Key, TimeSpan? Value)> All() =>
        [("Sev1", Sev1), ("Sev2", Sev2), ("Sev3", Sev3), ("Sev4", Sev4)];
}
