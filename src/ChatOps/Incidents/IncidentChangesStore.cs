using System.Data.Common;
using Dapper;

namespace ChatOps.Incidents;

/// <summary>
/// State changes as single conditional UPDATEs: each names the states it may start from, so two
/// people resolving at once cannot both succeed, on either engine, without row locks.
/// </summary>
public sealed class IncidentChangesStore
{
    public async Task<bool> SetChannelAsync(DbConnection c, DbTransaction tx, long number, string channelId, string channelName, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE incidents SET channel_id = @channelId, channel_name = @channelName, updated_at = @now, version = version + 1
            WHERE number = @number AND channel_id IS NULL
            """, new { number, channelId, channelName, now }, tx, cancellationToken: ct)) == 1;

    public async Task<bool> RecordStatusAsync(DbConnection c, DbTransaction tx, long number, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE incidents SET last_status_at = @now, snoozed_until = NULL, updated_at = @now, version = version + 1
            WHERE number = @number AND status <> 'Closed'
            """, new { number, now }, tx, cancellationToken: ct)) == 1;

    public async Task<bool> ChangeSeverityAsync(DbConnection c, DbTransaction tx, long number, Severity from, Severity to, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE incidents SET severity = @to, severity_changed_at = @now, updated_at = @now, version = version + 1
            WHERE number = @number AND severity = @from AND status <> 'Closed'
            """, new { number, from = (int)from, to = (int)to, now }, tx, cancellationToken: ct)) == 1;

    /// <summary>Holds reminders until <paramref name="until"/>; only open incidents have reminders to hold.</summary>
    public async Task<bool> SnoozeAsync(DbConnection c, DbTransaction tx, long number, DateTimeOffset until, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE incidents SET snoozed_until = @until, updated_at = @now, version = version + 1
            WHERE number = @number AND status IN ('Active', 'Mitigated')
            """, new { number, until, now }, tx, cancellationToken: ct)) == 1;

    public async Task AssignRoleAsync(DbConnection c, DbTransaction tx, RoleAssignment role, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO incident_roles (incident_number, role, user_id, assigned_by, assigned_at)
            VALUES (@IncidentNumber, @Role, @UserId, @AssignedBy, @AssignedAt)
            ON CONFLICT (incident_number, role) DO UPDATE
            SET user_id = excluded.user_id, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
            """, new { role.IncidentNumber, Role = role.Role.ToString(), role.UserId, role.AssignedBy, role.AssignedAt }, tx, cancellationToken: ct));
        if (role.Role == IncidentRole.Commander)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE incidents SET commander_id = @UserId, updated_at = @AssignedAt, version = version + 1 WHERE number = @IncidentNumber",
                new { role.IncidentNumber, role.UserId, role.AssignedAt }, tx, cancellationToken: ct));
        }
    }

    /// <summary>Moves to <paramref name="to"/> if the incident is in one of the states that allow it; false otherwise.</summary>
    public async Task<bool> TransitionAsync(DbConnection c, DbTransaction tx, long number, IncidentStatus to, DateTimeOffset now, CancellationToken ct)
    {
        var sql = to switch
        {
            IncidentStatus.Mitigated => "UPDATE incidents SET status = 'Mitigated', mitigated_at = @now, updated_at = @now, version = version + 1 WHERE number = @number AND status = 'Active'",
            IncidentStatus.Resolved => "UPDATE incidents SET status = 'Resolved', resolved_at = @now, updated_at = @now, version = version + 1 WHERE number = @number AND status IN ('Active', 'Mitigated')",
            IncidentStatus.Closed => "UPDATE incidents SET status = 'Closed', closed_at = @now, resolved_at = COALESCE(resolved_at, @now), updated_at = @now, version = version + 1 WHERE number = @number AND status IN ('Active', 'Mitigated', 'Resolved')",
            _ => "UPDATE incidents SET status = 'Active', mitigated_at = NULL, resolved_at = NULL, closed_at = NULL, updated_at = @now, version = version + 1 WHERE number = @number AND status IN ('Resolved', 'Closed')",
        };
        return await c.ExecuteAsync(new CommandDefinition(sql, new { number, now }, tx, cancellationToken: ct)) == 1;
    }

    public Task<long> AddActionAsync(DbConnection c, DbTransaction tx, ActionItem item, CancellationToken ct) =>
        c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO action_items (incident_number, text, owner_id, due_date, status, created_by, created_at)
            VALUES (@IncidentNumber, @Text, @OwnerId, @DueDate, 'Open', @CreatedBy, @CreatedAt)
            RETURNING id
            """, new { item.IncidentNumber, item.Text, item.OwnerId, item.DueDate, item.CreatedBy, item.CreatedAt }, tx, cancellationToken: ct));

    public async Task<bool> CompleteActionAsync(DbConnection c, DbTransaction tx, long number, long actionId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE action_items SET status = 'Done' WHERE id = @actionId AND incident_number = @number AND status = 'Open'",
            new { number, actionId }, tx, cancellationToken: ct)) == 1;
}
