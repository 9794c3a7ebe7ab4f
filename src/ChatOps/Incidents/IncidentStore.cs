using System.Data.Common;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.Incidents;

/// <summary>SQL for incidents. Writes take the caller's transaction so state and outbox commit together.</summary>
public sealed class IncidentStore(Database database)
{
    private const string Columns =
        """
        number, title, severity, status, platform, origin_channel_id AS OriginChannelId, channel_id AS ChannelId,
        channel_name AS ChannelName, commander_id AS CommanderId, declared_by AS DeclaredBy, declared_at AS DeclaredAt,
        mitigated_at AS MitigatedAt, resolved_at AS ResolvedAt, closed_at AS ClosedAt, last_status_at AS LastStatusAt,
        severity_changed_at AS SeverityChangedAt, snoozed_until AS SnoozedUntil,
        summary_message_id AS SummaryMessageId, updated_at AS UpdatedAt, version
        """;

    public async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, Incident incident, CancellationToken ct)
    {
        const string sql =
            """
            INSERT INTO incidents (title, severity, status, platform, origin_channel_id, channel_id, channel_name,
                commander_id, declared_by, declared_at, last_status_at, updated_at, version)
            VALUES (@Title, @Severity, @Status, @Platform, @OriginChannelId, @ChannelId, @ChannelName,
                @CommanderId, @DeclaredBy, @DeclaredAt, @LastStatusAt, @DeclaredAt, 1)
            RETURNING number
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new
        {
            incident.Title,
            Severity = (int)incident.Severity,
            Status = incident.Status.ToString(),
            incident.Platform,
            incident.OriginChannelId,
            incident.ChannelId,
            incident.ChannelName,
            incident.CommanderId,
            incident.DeclaredBy,
            incident.DeclaredAt,
            incident.LastStatusAt,
        }, tx, cancellationToken: ct));
    }

    public async Task<Incident?> GetAsync(long number, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await GetAsync(connection, null, number, ct);
    }

    public Task<Incident?> GetAsync(DbConnection connection, DbTransaction? tx, long number, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Incident>(new CommandDefinition(
            $"SELECT {Columns} FROM incidents WHERE number = @number", new { number }, tx, cancellationToken: ct));

    public async Task<Incident?> FindByChannelAsync(string platform, string channelId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await FindByChannelAsync(connection, null, platform, channelId, ct);
    }

    public Task<Incident?> FindByChannelAsync(DbConnection connection, DbTransaction? tx, string platform, string channelId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Incident>(new CommandDefinition(
            $"SELECT {Columns} FROM incidents WHERE platform = @platform AND channel_id = @channelId",
            new { platform, channelId }, tx, cancellationToken: ct));

    /// <summary>Active and mitigated incidents, most severe first.</summary>
    public async Task<IReadOnlyList<Incident>> ListOpenAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Incident>(new CommandDefinition(
            $"SELECT {Columns} FROM incidents WHERE status IN ('Active', 'Mitigated') ORDER BY severity, number",
            cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<Incident>> ListAsync(int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Incident>(new CommandDefinition(
            $"SELECT {Columns} FROM incidents ORDER BY number DESC LIMIT @limit", new { limit }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListRolesAsync(long number, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<RoleAssignment>(new CommandDefinition(
            """
            SELECT incident_number AS IncidentNumber, role, user_id AS UserId, assigned_by AS AssignedBy, assigned_at AS AssignedAt
            FROM incident_roles WHERE incident_number = @number ORDER BY assigned_at, role
            """, new { number }, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ActionItem>> ListActionItemsAsync(long number, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<ActionItemRow>(new CommandDefinition(
            """
            SELECT id, incident_number AS IncidentNumber, text, owner_id AS OwnerId, due_date AS DueDate, status,
                   created_by AS CreatedBy, created_at AS CreatedAt
            FROM action_items WHERE incident_number = @number ORDER BY id
            """, new { number }, cancellationToken: ct));
        return rows.Select(r => r.ToItem()).ToList();
    }

    /// <summary>Due dates are ISO text on both engines; Npgsql will not read text as DateOnly, so parse here.</summary>
    private sealed class ActionItemRow
    {
        public long Id { get; init; }
        public long IncidentNumber { get; init; }
        public string Text { get; init; } = string.Empty;
        public string? OwnerId { get; init; }
        public string? DueDate { get; init; }
        public ActionItemStatus Status { get; init; }
        public string CreatedBy { get; init; } = string.Empty;
        public DateTimeOffset CreatedAt { get; init; }

        public ActionItem ToItem() => new()
        {
            Id = Id,
            IncidentNumber = IncidentNumber,
            Text = Text,
            OwnerId = OwnerId,
            DueDate = DueDate is null ? null : DateOnly.ParseExact(DueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Status = Status,
            CreatedBy = CreatedBy,
            CreatedAt = CreatedAt,
        };
    }
}
