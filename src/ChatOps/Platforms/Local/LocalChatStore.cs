using ChatOps.Storage;
using Dapper;

namespace ChatOps.Platforms.Local;

public sealed record LocalChannel
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? OwnerId { get; init; }
    public string? Topic { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record LocalMessage
{
    public long Id { get; init; }
    public required string ChannelId { get; init; }

    /// <summary>Null for the bot.</summary>
    public string? AuthorId { get; init; }
    public required string Text { get; init; }
    public string? Body { get; init; }
    public string? Form { get; init; }
    public string? FileName { get; init; }
    public string? FileContent { get; init; }
    public string? VisibleTo { get; init; }
    public bool Pinned { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>SQL for the playground's channels and messages (both engines).</summary>
public sealed class LocalChatStore(Database database, TimeProvider clock)
{
    public const string General = "general";
    public const string Broadcast = "incidents";
    public const string Public = "public";
    public const string Direct = "direct";

    private const string MessageColumns =
        """
        id, channel_id AS ChannelId, author_id AS AuthorId, text, body, form, file_name AS FileName,
        file_content AS FileContent, visible_to AS VisibleTo, pinned, posted_at AS PostedAt,
        edited_at AS EditedAt, deleted_at AS DeletedAt
        """;

    private const string ChannelColumns = "id, name, kind, owner_id AS OwnerId, topic, description, created_at AS CreatedAt";

    private int _seeded;

    /// <summary>Creates the channel, adding "-2", "-3"... when the name is taken.</summary>
    public async Task<LocalChannel> CreateChannelAsync(string name, string? description, CancellationToken ct)
    {
        await EnsureDefaultsAsync(ct);
        for (var attempt = 1; attempt <= 100; attempt++)
        {
            var id = attempt == 1 ? name : $"{name}-{attempt}";
            if (await TryInsertChannelAsync(id, Public, null, description, ct))
            {
                return (await GetChannelAsync(id, ct))!;
            }
        }

        throw new InvalidOperationException($"no free channel name for {name}");
    }

    /// <summary>The bot's direct-message channel with one user.</summary>
    public async Task<string> EnsureDirectAsync(string userId, CancellationToken ct)
    {
        var id = $"dm-{userId}";
        await TryInsertChannelAsync(id, Direct, userId, $"Direct messages from ChatOps to {userId}", ct);
        return id;
    }

    public async Task<LocalChannel?> GetChannelAsync(string id, CancellationToken ct)
    {
        await EnsureDefaultsAsync(ct);
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<LocalChannel>(new CommandDefinition(
            $"SELECT {ChannelColumns} FROM local_channels WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Public channels and the user's own direct messages, oldest first.</summary>
    public async Task<IReadOnlyList<LocalChannel>> ListChannelsAsync(string userId, CancellationToken ct)
    {
        await EnsureDefaultsAsync(ct);
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<LocalChannel>(new CommandDefinition(
            $"SELECT {ChannelColumns} FROM local_channels WHERE kind = 'public' OR owner_id = @userId ORDER BY created_at, id",
            new { userId }, cancellationToken: ct))).AsList();
    }

    public async Task SetTopicAsync(string channelId, string topic, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("UPDATE local_channels SET topic = @topic WHERE id = @channelId", new { channelId, topic }, cancellationToken: ct));
    }

    public async Task<long> InsertAsync(LocalMessage m, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO local_messages (channel_id, author_id, text, body, form, file_name, file_content, visible_to, pinned, posted_at)
            VALUES (@ChannelId, @AuthorId, @Text, @Body, @Form, @FileName, @FileContent, @VisibleTo, FALSE, @now)
            RETURNING id
            """, new { m.ChannelId, m.AuthorId, m.Text, m.Body, m.Form, m.FileName, m.FileContent, m.VisibleTo, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<LocalMessage?> GetMessageAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<LocalMessage>(new CommandDefinition(
            $"SELECT {MessageColumns} FROM local_messages WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The latest messages of a channel that <paramref name="userId"/> may see, oldest first.</summary>
    public async Task<IReadOnlyList<LocalMessage>> ListMessagesAsync(string channelId, string userId, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<LocalMessage>(new CommandDefinition(
            $"""
            SELECT {MessageColumns} FROM local_messages
            WHERE channel_id = @channelId AND (visible_to IS NULL OR visible_to = @userId)
            ORDER BY id DESC LIMIT @limit
            """, new { channelId, userId, limit }, cancellationToken: ct))).AsList();
        rows.Reverse();
        return rows;
    }

    public Task<bool> ReplaceBodyAsync(long id, string text, string body, CancellationToken ct) =>
        ChangeAsync("UPDATE local_messages SET text = @text, body = @body, edited_at = @now WHERE id = @id", new { id, text, body, now = clock.GetUtcNow() }, ct);

    public Task<bool> EditTextAsync(long id, string text, CancellationToken ct) =>
        ChangeAsync("UPDATE local_messages SET text = @text, edited_at = @now WHERE id = @id AND deleted_at IS NULL", new { id, text, now = clock.GetUtcNow() }, ct);

    public Task<bool> MarkDeletedAsync(long id, CancellationToken ct) =>
        ChangeAsync("UPDATE local_messages SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL", new { id, now = clock.GetUtcNow() }, ct);

    public Task<bool> PinAsync(long id, CancellationToken ct) =>
        ChangeAsync("UPDATE local_messages SET pinned = TRUE WHERE id = @id", new { id }, ct);

    private async Task<bool> ChangeAsync(string sql, object args, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct)) > 0;
    }

    private async Task EnsureDefaultsAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _seeded) == 1)
        {
            return;
        }

        await TryInsertChannelAsync(General, Public, null, "Where people talk and declare incidents", ct);
        await TryInsertChannelAsync(Broadcast, Public, null, "Where stakeholders follow incidents and maintenance", ct);
        Volatile.Write(ref _seeded, 1);
    }

    private async Task<bool> TryInsertChannelAsync(string id, string kind, string? ownerId, string? description, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO local_channels (id, name, kind, owner_id, description, created_at)
            VALUES (@id, @id, @kind, @ownerId, @description, @now)
            ON CONFLICT (id) DO NOTHING
            """, new { id, kind, ownerId, description, now = clock.GetUtcNow() }, cancellationToken: ct)) == 1;
    }
}
