using System.Data.Common;
using Dapper;

namespace ChatOps.Storage.Outbox;

/// <summary>
/// The outbox table. A worker claims the head row of each queue with a lease; while a head is
/// claimed nothing behind it in the same queue can be claimed, which keeps per-queue order.
/// Completing requires still holding the claim, so a row is completed at most once.
/// </summary>
public sealed class OutboxStore(Database database, TimeProvider clock)
{
    /// <summary>Adds a row inside the caller's transaction. False when its dedupe key already exists.</summary>
    public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction tx, OutboxMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox (queue_key, kind, payload, incident_number, dedupe_key, created_at, next_attempt_at)
            VALUES (@QueueKey, @Kind, @Payload, @IncidentNumber, @DedupeKey, @now, @next)
            ON CONFLICT DO NOTHING
            """,
            new { message.QueueKey, message.Kind, message.Payload, message.IncidentNumber, message.DedupeKey, now, next = message.NotBefore ?? now },
            tx, cancellationToken: ct));
        return inserted == 1;
    }

    /// <summary>Claims up to <paramref name="max"/> due queue heads for <paramref name="worker"/>.</summary>
    public async Task<IReadOnlyList<OutboxItem>> ClaimAsync(string worker, int max, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(ct);

        // Cheap read first: most polls find nothing, and an UPDATE would still write on PostgreSQL.
        var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT id FROM outbox
            WHERE completed_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
              AND (claimed_until IS NULL OR claimed_until < @now)
            LIMIT 1
            """, new { now }, cancellationToken: ct));
        if (due is null)
        {
            return [];
        }

        var sql = database.IsPostgres ? PostgresClaim : SqliteClaim;
        var rows = await connection.QueryAsync<OutboxItem>(new CommandDefinition(
            sql, new { worker, until = now + lease, now, max }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).ToList();
    }

    /// <summary>
    /// PostgreSQL: the heads are picked and locked in id order with SKIP LOCKED, then updated.
    /// The claim never waits for a row lock, so concurrent claimers (replicas, or one replica's
    /// poll racing its own completions) cannot form a lock cycle; the earlier single
    /// UPDATE ... WHERE id IN (...) locked rows in scan order and waited, and deadlocked (40P01)
    /// under load. A skipped head stays the head of its queue, so nothing behind it is claimed,
    /// and the claimed_until test is re-checked on the locked row version.
    /// </summary>
    private const string PostgresClaim =
        """
        WITH picked AS (
            SELECT o.id FROM outbox o
            WHERE o.id IN (SELECT min(h.id) FROM outbox h WHERE h.completed_at IS NULL AND h.failed_at IS NULL GROUP BY h.queue_key)
              AND o.next_attempt_at <= @now
              AND (o.claimed_until IS NULL OR o.claimed_until < @now)
              AND o.completed_at IS NULL AND o.failed_at IS NULL
            ORDER BY o.id
            LIMIT @max
            FOR UPDATE OF o SKIP LOCKED)
        UPDATE outbox
        SET claimed_by = @worker, claimed_until = @until, attempts = attempts + 1
        FROM picked
        WHERE outbox.id = picked.id
        RETURNING outbox.id, outbox.queue_key AS QueueKey, outbox.kind, outbox.payload, outbox.incident_number AS IncidentNumber, outbox.attempts, outbox.created_at AS CreatedAt
        """;

    /// <summary>SQLite: one writer at a time, so the single UPDATE cannot interleave with another claim.</summary>
    private const string SqliteClaim =
        """
        UPDATE outbox
        SET claimed_by = @worker, claimed_until = @until, attempts = attempts + 1
        WHERE id IN (
            SELECT o.id FROM outbox o
            WHERE o.id IN (SELECT min(h.id) FROM outbox h WHERE h.completed_at IS NULL AND h.failed_at IS NULL GROUP BY h.queue_key)
              AND o.next_attempt_at <= @now
              AND (o.claimed_until IS NULL OR o.claimed_until < @now)
            ORDER BY o.id
            LIMIT @max)
          AND completed_at IS NULL AND failed_at IS NULL
          AND (claimed_until IS NULL OR claimed_until < @now)
        RETURNING id, queue_key AS QueueKey, kind, payload, incident_number AS IncidentNumber, attempts, created_at AS CreatedAt
        """;

    public Task<bool> RenewAsync(long id, string worker, TimeSpan lease, CancellationToken ct) =>
        UpdateClaimedAsync(id, worker, "claimed_until = @until", new { until = clock.GetUtcNow() + lease }, ct);

    public Task<bool> CompleteAsync(long id, string worker, CancellationToken ct) =>
        UpdateClaimedAsync(id, worker, "completed_at = @now, claimed_by = NULL, claimed_until = NULL, last_error = NULL", new { now = clock.GetUtcNow() }, ct);

    public Task<bool> RetryLaterAsync(long id, string worker, DateTimeOffset next, string error, CancellationToken ct) =>
        UpdateClaimedAsync(id, worker, "next_attempt_at = @next, claimed_by = NULL, claimed_until = NULL, last_error = @error", new { next, error }, ct);

    public Task<bool> FailAsync(long id, string worker, string error, CancellationToken ct) =>
        UpdateClaimedAsync(id, worker, "failed_at = @now, claimed_by = NULL, claimed_until = NULL, last_error = @error", new { now = clock.GetUtcNow(), error }, ct);

    /// <summary>Single-process stores only (SQLite): claims left by a crashed run are released at start.</summary>
    public async Task<int> ReleaseAllClaimsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL AND completed_at IS NULL AND failed_at IS NULL",
            cancellationToken: ct));
    }

    private async Task<bool> UpdateClaimedAsync(long id, string worker, string set, object values, CancellationToken ct)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("id", id);
        parameters.Add("worker", worker);
        await using var connection = await database.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET {set} WHERE id = @id AND claimed_by = @worker AND completed_at IS NULL AND failed_at IS NULL",
            parameters, cancellationToken: ct));
        return changed == 1;
    }
}
