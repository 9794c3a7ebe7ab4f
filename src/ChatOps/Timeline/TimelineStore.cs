using System.Data.Common;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.Timeline;

/// <summary>
/// Append-only SQL for the timeline: inserts, revisions and deletion marks; never UPDATE of text
/// and never DELETE. Messages are unique by (channel, message id), so a redelivery is a no-op.
/// </summary>
public sealed class TimelineStore(Database database)
{
    private const string Columns =
        """
        id, incident_number AS IncidentNumber, kind, occurred_at AS OccurredAt, recorded_at AS RecordedAt,
        author_id AS AuthorId, author_name AS AuthorName, text, is_key AS IsKey, source_channel AS SourceChannel,
        source_message_id AS SourceMessageId, thread_ref AS ThreadRef, deleted_at AS DeletedAt,
        deleted_by AS DeletedBy, data
        """;

    /// <summary>Appends an entry; returns its id, or null when its (channel, message id) is already recorded.</summary>
    public async Task<long?> AppendAsync(DbConnection connection, DbTransaction tx, TimelineEntry entry, CancellationToken ct)
    {
        const string sql =
            """
            INSERT INTO timeline_entries (incident_number, kind, occurred_at, recorded_at, author_id, author_name,
                text, is_key, source_channel, source_message_id, thread_ref, data)
            VALUES (@IncidentNumber, @Kind, @OccurredAt, @RecordedAt, @AuthorId, @AuthorName,
                @Text, @IsKey, @SourceChannel, @SourceMessageId, @ThreadRef, @Data)
            ON CONFLICT DO NOTHING
            RETURNING id
            """;
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(sql, new
        {
            entry.IncidentNumber,
            Kind = entry.Kind.ToString(),
            entry.OccurredAt,
            entry.RecordedAt,
            entry.AuthorId,
            entry.AuthorName,
            entry.Text,
            entry.IsKey,
            entry.SourceChannel,
            entry.SourceMessageId,
            entry.ThreadRef,
            entry.Data,
        }, tx, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<TimelineEntry>> ListAsync(long incidentNumber, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<TimelineEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM timeline_entries WHERE incident_number = @incidentNumber ORDER BY occurred_at, id",
            new { incidentNumber }, cancellationToken: ct));
        return rows.AsList();
    }

    public Task<TimelineEntry?> FindBySourceAsync(DbConnection connection, DbTransaction? tx, string channel, string messageId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<TimelineEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM timeline_entries WHERE source_channel = @channel AND source_message_id = @messageId",
            new { channel, messageId }, tx, cancellationToken: ct));

    public Task AddRevisionAsync(DbConnection connection, DbTransaction tx, TimelineRevision revision, DateTimeOffset recordedAt, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO timeline_revisions (entry_id, text, edited_at, edited_by, recorded_at)
            VALUES (@EntryId, @Text, @EditedAt, @EditedBy, @recordedAt)
            """, new { revision.EntryId, revision.Text, revision.EditedAt, revision.EditedBy, recordedAt }, tx, cancellationToken: ct));

    /// <summary>Marks an entry deleted (first deletion wins); the text stays for the audit trail.</summary>
    public Task<int> MarkDeletedAsync(DbConnection connection, DbTransaction tx, long entryId, DateTimeOffset at, string? by, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE timeline_entries SET deleted_at = @at, deleted_by = @by WHERE id = @entryId AND deleted_at IS NULL",
            new { entryId, at, by }, tx, cancellationToken: ct));

    public Task<int> MarkKeyAsync(DbConnection connection, DbTransaction tx, long entryId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE timeline_entries SET is_key = TRUE WHERE id = @entryId AND is_key = FALSE",
            new { entryId }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<TimelineRevision>> RevisionsAsync(long incidentNumber, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<TimelineRevision>(new CommandDefinition(
            """
            SELECT r.id, r.entry_id AS EntryId, r.text, r.edited_at AS EditedAt, r.edited_by AS EditedBy
            FROM timeline_revisions r JOIN timeline_entries e ON e.id = r.entry_id
            WHERE e.incident_number = @incidentNumber ORDER BY r.entry_id, r.id
            """, new { incidentNumber }, cancellationToken: ct));
        return rows.AsList();
    }
}
