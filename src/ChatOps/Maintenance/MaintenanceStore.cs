using System.Data.Common;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.Maintenance;

/// <summary>
/// SQL for maintenance windows, learned time zones, and the read-only look at major incidents.
/// Writes take the caller's transaction so state and outbox rows commit together; every write
/// transaction starts with <see cref="LockAsync"/> so overlap checks never race.
/// </summary>
public sealed class MaintenanceStore(Database database)
{
    private const string Columns =
        """
        id, title, scope, kind, status, platform, channel_id AS ChannelId, planner_id AS PlannerId, starts_at AS StartsAt,
        ends_at AS EndsAt, planned_ends_at AS PlannedEndsAt, reason, approved_by AS ApprovedBy, approved_at AS ApprovedAt,
        confirmed_by AS ConfirmedBy, confirmed_at AS ConfirmedAt, cancelled_by AS CancelledBy, cancelled_at AS CancelledAt,
        cancel_reason AS CancelReason, rollback_plan AS RollbackPlan, last_backup AS LastBackupText, staging_tested AS StagingTested,
        sequential_rollout AS SequentialRollout, dry_run AS DryRun, request_key AS RequestKey, revision,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    /// <summary>Serialises maintenance writes across replicas: a row lock on both engines.</summary>
    public Task LockAsync(DbConnection c, DbTransaction tx, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("UPDATE maintenance_planning_lock SET version = version + 1 WHERE id = 1", transaction: tx, cancellationToken: ct));

    public Task<long> InsertAsync(DbConnection c, DbTransaction tx, MaintenanceWindow w, CancellationToken ct) =>
        c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO maintenance_windows (title, scope, kind, status, platform, channel_id, planner_id, starts_at, ends_at,
                planned_ends_at, reason, request_key, revision, created_at, updated_at)
            VALUES (@Title, @Scope, @Kind, @Status, @Platform, @ChannelId, @PlannerId, @StartsAt, @EndsAt,
                @EndsAt, @Reason, @RequestKey, 1, @CreatedAt, @CreatedAt)
            RETURNING id
            """,
            new
            {
                w.Title, w.Scope, Kind = w.Kind.ToString(), Status = w.Status.ToString(), w.Platform, w.ChannelId, w.PlannerId,
                w.StartsAt, w.EndsAt, w.Reason, w.RequestKey, w.CreatedAt,
            }, tx, cancellationToken: ct));

    public async Task<MaintenanceWindow?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await GetAsync(connection, null, id, ct);
    }

    public Task<MaintenanceWindow?> GetAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<MaintenanceWindow>(new CommandDefinition(
            $"SELECT {Columns} FROM maintenance_windows WHERE id = @id", new { id }, tx, cancellationToken: ct));

    public Task<MaintenanceWindow?> FindByRequestAsync(DbConnection c, DbTransaction tx, string requestKey, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<MaintenanceWindow>(new CommandDefinition(
            $"SELECT {Columns} FROM maintenance_windows WHERE request_key = @requestKey", new { requestKey }, tx, cancellationToken: ct));

    /// <summary>Windows not cancelled whose time intersects [start, end): the candidates for an overlap.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ListBetweenAsync(DbConnection c, DbTransaction tx, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
        (await c.QueryAsync<MaintenanceWindow>(new CommandDefinition(
            $"SELECT {Columns} FROM maintenance_windows WHERE status <> 'Cancelled' AND starts_at < @end AND ends_at > @start ORDER BY starts_at, id",
            new { start, end }, tx, cancellationToken: ct))).AsList();

    /// <summary>Pending, upcoming and running windows, soonest first.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ListCurrentAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<MaintenanceWindow>(new CommandDefinition(
            $"SELECT {Columns} FROM maintenance_windows WHERE status <> 'Cancelled' AND ends_at > @now ORDER BY starts_at, id LIMIT @limit",
            new { now, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>Every window (cancelled ones too) that ended after <paramref name="since"/>: the calendar and the JSON API.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ListSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<MaintenanceWindow>(new CommandDefinition(
            $"SELECT {Columns} FROM maintenance_windows WHERE ends_at >= @since ORDER BY starts_at, id",
            new { since }, cancellationToken: ct))).AsList();
    }

    public async Task<bool> ApproveAsync(DbConnection c, DbTransaction tx, long id, string approver, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE maintenance_windows SET status = 'Scheduled', approved_by = @approver, approved_at = @now,
                revision = revision + 1, updated_at = @now
            WHERE id = @id AND status = 'Pending'
            """, new { id, approver, now }, tx, cancellationToken: ct)) == 1;

    public async Task<bool> CancelAsync(DbConnection c, DbTransaction tx, long id, string by, string reason, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE maintenance_windows SET status = 'Cancelled', cancelled_by = @by, cancelled_at = @now, cancel_reason = @reason,
                revision = revision + 1, updated_at = @now
            WHERE id = @id AND status <> 'Cancelled'
            """, new { id, by, reason, now }, tx, cancellationToken: ct)) == 1;

    public async Task<bool> ExtendAsync(DbConnection c, DbTransaction tx, long id, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE maintenance_windows SET ends_at = @to, revision = revision + 1, updated_at = @now
            WHERE id = @id AND ends_at = @from AND status <> 'Cancelled'
            """, new { id, from, to, now }, tx, cancellationToken: ct)) == 1;

    public async Task<bool> ConfirmAsync(DbConnection c, DbTransaction tx, long id, string by, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE maintenance_windows SET confirmed_by = @by, confirmed_at = @now, revision = revision + 1, updated_at = @now
            WHERE id = @id AND confirmed_by IS NULL
            """, new { id, by, now }, tx, cancellationToken: ct)) == 1;

    /// <summary>Sets the given items (null clears one); items not in <paramref name="changes"/> keep their value.</summary>
    public Task UpdateChecklistAsync(DbConnection c, DbTransaction tx, long id, IReadOnlyList<ChecklistChange> changes, DateTimeOffset now, CancellationToken ct)
    {
        ChecklistChange? Of(ChecklistItem item) => changes.LastOrDefault(x => x.Item == item);
        return c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE maintenance_windows SET
                rollback_plan = CASE WHEN @setRollback THEN @rollback ELSE rollback_plan END,
                last_backup = CASE WHEN @setBackup THEN @backup ELSE last_backup END,
                staging_tested = CASE WHEN @setStaging THEN @staging ELSE staging_tested END,
                sequential_rollout = CASE WHEN @setRollout THEN @rollout ELSE sequential_rollout END,
                dry_run = CASE WHEN @setDryRun THEN @dryRun ELSE dry_run END,
                revision = revision + 1, updated_at = @now
            WHERE id = @id
            """,
            new
            {
                id, now,
                setRollback = Of(ChecklistItem.Rollback) is not null, rollback = Of(ChecklistItem.Rollback)?.Text,
                setBackup = Of(ChecklistItem.Backup) is not null, backup = Of(ChecklistItem.Backup)?.Text,
                setStaging = Of(ChecklistItem.Staging) is not null, staging = Of(ChecklistItem.Staging)?.Text,
                setRollout = Of(ChecklistItem.Rollout) is not null, rollout = Of(ChecklistItem.Rollout)?.Text,
                setDryRun = Of(ChecklistItem.DryRun) is not null, dryRun = Of(ChecklistItem.DryRun)?.Text,
            }, tx, cancellationToken: ct));
    }

    /// <summary>A zone learned for a user no earlier than <paramref name="learnedAfter"/>, or null.</summary>
    public async Task<string?> FindZoneAsync(string platform, string userId, DateTimeOffset learnedAfter, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT time_zone FROM maintenance_user_zones WHERE platform = @platform AND user_id = @userId AND learned_at >= @learnedAfter",
            new { platform, userId, learnedAfter }, cancellationToken: ct));
    }

    public async Task SaveZoneAsync(string platform, string userId, string zone, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO maintenance_user_zones (platform, user_id, time_zone, learned_at) VALUES (@platform, @userId, @zone, @now)
            ON CONFLICT (platform, user_id) DO UPDATE SET time_zone = excluded.time_zone, learned_at = excluded.learned_at
            """, new { platform, userId, zone, now }, cancellationToken: ct));
    }

    /// <summary>Read-only: incidents a maintenance start must not ignore (SEV1/SEV2, active or mitigated).</summary>
    public async Task<IReadOnlyList<MajorIncident>> ActiveMajorIncidentsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<MajorIncident>(new CommandDefinition(
            """
            SELECT number, severity, title FROM incidents
            WHERE status IN ('Active', 'Mitigated') AND severity <= 2
            ORDER BY severity, number
            """, cancellationToken: ct))).AsList();
    }
}

/// <summary>An incident that is SEV1 or SEV2 and still active or mitigated.</summary>
public sealed record MajorIncident
{
    public long Number { get; init; }
    public int Severity { get; init; }
    public required string Title { get; init; }
}
