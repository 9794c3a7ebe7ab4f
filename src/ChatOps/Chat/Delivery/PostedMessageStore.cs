using ChatOps.Storage;
using Dapper;

namespace ChatOps.Chat.Delivery;

/// <summary>Messages the bot posted with a purpose (an incident's pinned summary), so they can be updated later.</summary>
public sealed class PostedMessageStore(Database database, TimeProvider clock)
{
    public async Task RecordAsync(string platform, string channelId, string messageId, string purpose, long? incident, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO posted_messages (platform, channel_id, purpose, message_id, incident_number, posted_at)
            VALUES (@platform, @channelId, @purpose, @messageId, @incident, @now)
            ON CONFLICT (platform, channel_id, purpose) DO UPDATE SET message_id = excluded.message_id, posted_at = excluded.posted_at
            """, new { platform, channelId, purpose, messageId, incident, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<string?> FindAsync(string platform, string channelId, string purpose, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT message_id FROM posted_messages WHERE platform = @platform AND channel_id = @channelId AND purpose = @purpose",
            new { platform, channelId, purpose }, cancellationToken: ct));
    }
}
