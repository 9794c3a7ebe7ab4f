namespace ChatOps.Web;

/// <summary>Where the incident page reads the postmortem from: the latest stored draft.</summary>
public interface IPostmortemSource
{
    /// <summary>The latest draft or edited postmortem as Markdown, or null when there is none.</summary>
    Task<string?> GetLatestMarkdownAsync(long incidentNumber, CancellationToken ct);
}

/// <summary>Where the audit page reads /diag runs from (Diagnostics/ provides the real one).</summary>
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

internal sealed class NoDiagnosticsAudit : IDiagnosticsAuditSource
{
    public Task<IReadOnlyList<DiagnosticsRunView>> RecentRunsAsync(int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DiagnosticsRunView>>([]);
}
