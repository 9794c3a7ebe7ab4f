namespace ChatOps.Incidents;

/// <summary>
/// When the next status update is due: the severity's cadence after the update clock last
/// started, and never before a snooze ends. The clock starts at the declaration and restarts at
/// every status update and every severity change (a re-plan: the change is announced in the
/// channel and the broadcast channel, and the new severity's cadence applies from then on).
/// Mitigated relaxes to the next lower severity's cadence; resolved needs none.
/// <para>
/// The summary, /incident list, the JSON API and the reminder rules all read this one function,
/// so the "next update due" people see is the instant the reminder fires.
/// </para>
/// </summary>
public static class CadencePolicy
{
    public static TimeSpan? CadenceFor(Incident incident, StatusCadenceOptions cadence) => incident.Status switch
    {
        IncidentStatus.Active => cadence.For(incident.Severity),
        IncidentStatus.Mitigated => incident.Severity == Severity.Sev4 ? null : cadence.For(incident.Severity + 1),
        _ => null,
    };

    /// <summary>The latest of the declaration, the last status update and the last severity change.</summary>
    public static DateTimeOffset ClockStart(Incident incident)
    {
        var start = incident.LastStatusAt ?? incident.DeclaredAt;
        return incident.SeverityChangedAt is { } changed && changed > start ? changed : start;
    }

    public static DateTimeOffset? NextUpdateDue(Incident incident, StatusCadenceOptions cadence)
    {
        if (CadenceFor(incident, cadence) is not { } every)
        {
            return null;
        }

        var due = ClockStart(incident) + every;
        return incident.SnoozedUntil is { } until && until > due ? until : due;
    }
}
