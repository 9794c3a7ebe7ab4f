namespace ChatOps.Postmortems;

/// <summary>
/// The outbox contract between the incident lifecycle and the drafter: closing an incident
/// enqueues a <see cref="Draft"/> row whose payload is a <see cref="DraftRequest"/>.
/// </summary>
public static class PostmortemKinds
{
    public const string Draft = "postmortem.draft";
}

public sealed record DraftRequest(long IncidentNumber, string Platform, string? ChannelId, string ClosedBy);
