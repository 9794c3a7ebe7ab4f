using System.Data.Common;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.Postmortems;

/// <summary>One stored version of an incident's postmortem draft.</summary>
public sealed record PostmortemDraft
{
    public long IncidentNumber { get; init; }
    public int Version { get; init; }
    public long OutboxId { get; init; }
    public DateTimeOffset ClosedAt { get; init; }
    public required string ClosedBy { get; init; }
    public required string Markdown { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record PostmortemVersion
{
    public int Version { get; init; }
    public DateTimeOffset ClosedAt { get; init; }
    public required string ClosedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>SQL for postmortem drafts. Versions are never rewritten; a new close adds one.</summary>
public sealed class PostmortemStore(Database database)
{
    private const string Columns =
        """
        incident_number AS IncidentNumber, version, outbox_id AS OutboxId, closed_at AS ClosedAt, closed_by AS ClosedBy,
        markdown, created_at AS CreatedAt
        """;

    /// <summary>The newest draft of an incident, or null before its first close (the dashboard shows this one).</summary>
    public async Task<PostmortemDraft?> GetLatestAsync(long incidentNumber, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PostmortemDraft>(new CommandDefinition(
            $"SELECT {Columns} FROM postmortems WHERE incident_number = @incidentNumber ORDER BY version DESC LIMIT 1",
            new { incidentNumber }, cancellationToken: ct));
    }

    public async Task<PostmortemDraft?> GetAsync(long incidentNumber, int version, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PostmortemDraft>(new CommandDefinition(
            $"SELECT {Columns} FROM postmortems WHERE incident_number = @incidentNumber AND version = @version",
            new { incidentNumber, version }, cancellationToken: ct));
    }

    /// <summary>Every version of an incident's draft, oldest first, without the text (for the dashboard's version list).</summary>
    public async Task<IReadOnlyList<PostmortemVersion>> ListVersionsAsync(long incidentNumber, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<PostmortemVersion>(new CommandDefinition(
            """
            SELECT version, closed_at AS ClosedAt, closed_by AS ClosedBy, created_at AS CreatedAt
            FROM postmortems WHERE incident_number = @incidentNumber ORDER BY version
            """, new { incidentNumber }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The version a draft row already wrote, so a redelivered row does nothing twice.</summary>
    public Task<int?> FindByOutboxAsync(DbConnection c, DbTransaction? tx, long outboxId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT version FROM postmortems WHERE outbox_id = @outboxId", new { outboxId }, tx, cancellationToken: ct));

    public async Task<int> NextVersionAsync(DbConnection c, DbTransaction? tx, long incidentNumber, CancellationToken ct) =>
        await c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM postmortems WHERE incident_number = @incidentNumber",
            new { incidentNumber }, tx, cancellationToken: ct));

    public Task InsertAsync(DbConnection c, DbTransaction tx, PostmortemDraft draft, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO postmortems (incident_number, version, outbox_id, closed_at, closed_by, markdown, created_at)
            VALUES (@IncidentNumber, @Version, @OutboxId, @ClosedAt, @ClosedBy, @Markdown, @CreatedAt)
            """, draft, tx, cancellationToken: ct));
}
