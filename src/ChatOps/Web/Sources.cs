namespace ChatOps.Web;

/// <summary>Where the incident page reads the postmortem from: the latest stored draft.</summary>
public interface IPostmortemSource
{
    /// <summary>The latest draft or edited postmortem as Markdown, or null when there is none.</summary>
    Task<string?> GetLatestMarkdownAsync(long incidentNumber, CancellationToken ct);
}

/// <summary>Where the audit page reads /diag runs from: the diagnostics audit table.</summary>
public interface IDiagnosticsAuditSource
{
    /// <summary>The most recent runs, newest first, allowed and refused alike.</summary>
    Task<IReadOnlyList<DiagnosticsRunView>> RecentRunsAsync(int limit, CancellationToken ct);
}

/// <summary>One /diag run as the audit page shows it.</summary>
public sealed record DiagnosticsRunView(
    DateTimeOffset At, string Platform, string UserId, string Command, string? Cluster, long? IncidentNumber, string Outcome, string? Summary);

internal sealed class StoredPostmortems(Postmortems.PostmortemStore store) : IPostmortemSource
{
    public async Task<string?> GetLatestMarkdownAsync(long incidentNumber, CancellationToken ct) =>
        (await store.GetLatestAsync(incidentNumber, ct))?.Markdown;
}

internal sealed class StoredDiagnosticsAudit(Diagnostics.Audit.DiagnosticsAuditStore store) : IDiagnosticsAuditSource
{
    public async Task<IReadOnlyList<DiagnosticsRunView>> RecentRunsAsync(int limit, CancellationToken ct) =>
        [.. (await store.ListRecentAsync(limit, ct)).Select(r => new DiagnosticsRunView(
            r.RequestedAt, r.Platform, r.UserId, r.Command, r.Cluster, r.IncidentNumber, r.Outcome, r.Verdict ?? r.Summary))];
}
