namespace ChatOps.Incidents;

/// <summary>
/// When the next status update is due: the severity's cadence after the last update (or the
/// declaration). Mitigated relaxes to the next lower severity's cadence; resolved needs none.
/// </summary>
public static class CadencePolicy
{
    public static TimeSpan? CadenceFor(Incident incident, StatusCadenceOptions cadence) => incident.Status switch
    {
        IncidentStatus.Active => cadence.For(incident.Severity),
        IncidentStatus.Mitigated => incident.Severity == Severity.Sev4 ? null : cadence.For(incident.Severity + 1),
        _ => null,
    };

    public static DateTimeOffset? NextUpdateDue(Incident incident, StatusCadenceOptions cadence) =>
        CadenceFor(incident, cadence) is { } every ? (incident.LastStatusAt ?? incident.DeclaredAt) + every : null;
}
