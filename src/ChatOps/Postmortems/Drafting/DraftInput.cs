using ChatOps.Incidents;
using ChatOps.Timeline;

namespace ChatOps.Postmortems.Drafting;

/// <summary>Everything a draft is made from. The same input always gives the same bytes.</summary>
public sealed record DraftInput(
    Incident Incident,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<TimelineRevision> Revisions,
    IReadOnlyList<RoleAssignment> Roles,
    IReadOnlyList<ActionItem> Actions,
    int Version,
    DraftSettings Settings);

/// <summary>
/// The rules a draft is measured against: the monthly availability target in percent (99.95)
/// and the status-update cadence per severity, as configured.
/// </summary>
public sealed record DraftSettings(decimal AvailabilityTarget, StatusCadenceOptions Cadence);
