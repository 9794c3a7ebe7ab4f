using System.Data.Common;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.Reminders;

/// <summary>
/// reminder_sends: one row per reminder, escalation or checkpoint sent. Inserting the row is the
/// claim: the transaction that wins it writes the timeline entry and the outbox rows; any other
/// replica (or a repeated firing) finds the key taken and sends nothing.
/// </summary>
public sealed class ReminderStore(Database database)
{
    public async Task<bool> ClaimAsync(DbConnection c, DbTransaction tx, DueSend send, long number, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO reminder_sends (send_key, incident_number, kind, due_at, sent_at)
            VALUES (@Key, @number, @kind, @DueAt, @now)
            ON CONFLICT DO NOTHING
            """, new { send.Key, number, kind = send.Kind.ToString(), send.DueAt, now }, tx, cancellationToken: ct)) == 1;

    /// <summary>
    /// What was already sent for the open incidents: their send keys (so a sweep opens no
    /// transaction for a reminder it already sent) and their last escalation (the "at most one per
    /// cadence" rule needs it).
    /// </summary>
    public async Task<SentSoFar> SentForOpenIncidentsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SentRow>(new CommandDefinition(
            """
            SELECT s.send_key AS Key, s.incident_number AS Number, s.kind, s.sent_at AS SentAt
            FROM reminder_sends s JOIN incidents i ON i.number = s.incident_number
            WHERE i.status IN ('Active', 'Mitigated')
            """, cancellationToken: ct));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var escalations = new Dictionary<long, DateTimeOffset>();
        foreach (var row in rows)
        {
            keys.Add(row.Key);
            if (row.Kind == nameof(ReminderKind.Escalation) && (!escalations.TryGetValue(row.Number, out var last) || row.SentAt > last))
            {
                escalations[row.Number] = row.SentAt;
            }
        }

        return new SentSoFar(keys, escalations);
    }

    public async Task<DateTimeOffset?> LastEscalationAsync(DbConnection c, DbTransaction tx, long number, CancellationToken ct)
    {
        var rows = await c.QueryAsync<LastSend>(new CommandDefinition(
            """
            SELECT incident_number AS Number, sent_at AS SentAt FROM reminder_sends
            WHERE incident_number = @number AND kind = 'Escalation'
            ORDER BY sent_at DESC LIMIT 1
            """, new { number }, tx, cancellationToken: ct));
        return rows.Select(r => (DateTimeOffset?)r.SentAt).FirstOrDefault();
    }

    private sealed class SentRow
    {
        public string Key { get; init; } = string.Empty;

        public long Number { get; init; }

        public string Kind { get; init; } = string.Empty;

        public DateTimeOffset SentAt { get; init; }
    }

    private sealed class LastSend
    {
        public long Number { get; init; }

        public DateTimeOffset SentAt { get; init; }
    }
}

/// <summary>Sends already made for the open incidents.</summary>
public sealed record SentSoFar(IReadOnlySet<string> Keys, IReadOnlyDictionary<long, DateTimeOffset> LastEscalations);
