using System.Data.Common;
using Dapper;

namespace ChatOps.Storage;

/// <summary>Remembers platform event ids so a redelivered webhook changes nothing.</summary>
public sealed class InboundEventStore
{
    /// <summary>True the first time (platform, eventId) is seen; false for a redelivery.</summary>
    public async Task<bool> TryRecordAsync(DbConnection connection, DbTransaction tx, string platform, string eventId, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbound_events (platform, event_id, received_at) VALUES (@platform, @eventId, @receivedAt)
            ON CONFLICT DO NOTHING
            """, new { platform, eventId, receivedAt }, tx, cancellationToken: ct));
        return inserted == 1;
    }

    /// <summary>Drops ids older than any platform still retries (Slack: hours; Teams: minutes).</summary>
    public async Task<int> PruneAsync(DbConnection connection, DateTimeOffset olderThan, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbound_events WHERE received_at < @olderThan", new { olderThan }, cancellationToken: ct));
}
