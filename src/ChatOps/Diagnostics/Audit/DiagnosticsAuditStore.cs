using System.Data.Common;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.Diagnostics.Audit;

/// <summary>One /diag run as the audit log (and the dashboard's audit page) sees it.</summary>
public sealed record DiagnosticsRun
{
    public long Id { get; init; }
    public required string Platform { get; init; }
    public required string UserId { get; init; }
    public string? UserName { get; init; }
    public required string ChannelId { get; init; }
    public long? IncidentNumber { get; init; }
    public required string Command { get; init; }
    public string? Cluster { get; init; }

    /// <summary>queued, ok, partial (some checks missing), failed, refused.</summary>
    public required string Outcome { get; init; }
    public string? Verdict { get; init; }

    /// <summary>Pattern ids, comma-separated ("control-plane-down,dns-degraded").</summary>
    public string? Patterns { get; init; }
    public string? Summary { get; init; }
    public long? Requests { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

public static class DiagnosticsOutcome
{
    public const string Queued = "queued";
    public const string Ok = "ok";
    public const string Partial = "partial";
    public const string Failed = "failed";
    public const string Refused = "refused";
}

/// <summary>The diagnostics_runs table: written on acceptance or refusal, completed after the run.</summary>
public sealed class DiagnosticsAuditStore(Database database)
{
    private const string Columns =
        """
        id, platform, user_id AS UserId, user_name AS UserName, channel_id AS ChannelId, incident_number AS IncidentNumber,
        command, cluster, outcome, verdict, patterns, summary, requests, requested_at AS RequestedAt, finished_at AS FinishedAt
        """;

    public async Task<long> InsertAsync(DbConnection connection, DbTransaction? tx, DiagnosticsRun run, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO diagnostics_runs (platform, user_id, user_name, channel_id, incident_number, command, cluster, outcome,
                verdict, patterns, summary, requested_at, finished_at)
            VALUES (@Platform, @UserId, @UserName, @ChannelId, @IncidentNumber, @Command, @Cluster, @Outcome,
                @Verdict, @Patterns, @Summary, @RequestedAt, @FinishedAt)
            RETURNING id
            """, run, tx, cancellationToken: ct));

    public async Task<long> InsertAsync(DiagnosticsRun run, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await InsertAsync(connection, null, run, ct);
    }

    /// <summary>Completes a queued run; false when it was already completed (a retried outbox row).</summary>
    public async Task<bool> CompleteAsync(DbConnection connection, DbTransaction tx, long id, string outcome, string? verdict, string? patterns,
        string summary, long requests, DateTimeOffset finishedAt, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE diagnostics_runs SET outcome = @outcome, verdict = @verdict, patterns = @patterns, summary = @summary,
                requests = @requests, finished_at = @finishedAt
            WHERE id = @id AND finished_at IS NULL
            """, new { id, outcome, verdict, patterns, summary, requests, finishedAt }, tx, cancellationToken: ct)) == 1;

    public async Task<DiagnosticsRun?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<DiagnosticsRun>(new CommandDefinition(
            $"SELECT {Columns} FROM diagnostics_runs WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Runs a user started since <paramref name="since"/> (refusals do not count): the per-user rate limit.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> RecentStartsAsync(string platform, string userId, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<DateTimeOffset>(new CommandDefinition(
            """
            SELECT requested_at FROM diagnostics_runs
            WHERE platform = @platform AND user_id = @userId AND requested_at >= @since AND outcome <> 'refused'
            ORDER BY requested_at
            """, new { platform, userId, since }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>The newest runs first, for the dashboard's audit page.</summary>
    public async Task<IReadOnlyList<DiagnosticsRun>> ListRecentAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<DiagnosticsRun>(new CommandDefinition(
            $"SELECT {Columns} FROM diagnostics_runs ORDER BY requested_at DESC, id DESC LIMIT @limit",
            new { limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: ct));
        return rows.ToList();
    }
}
