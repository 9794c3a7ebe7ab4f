using ChatOps.Storage;
using Dapper;

namespace ChatOps.Platforms.Teams;

/// <summary>A stored conversation reference: enough to post into it proactively.</summary>
public sealed record TeamsConversation(string ConversationId, string Kind, string ServiceUrl, string? TenantId, string? TeamId, string? UserId, string? Name);

/// <summary>Conversation references (from installs, activities and channels the bot created) and users' display names.</summary>
public sealed class TeamsConversationStore(Database database, TimeProvider clock)
{
    public const string Channel = "channel";
    public const string Personal = "personal";
    public const string Group = "groupChat";

    public async Task SaveAsync(TeamsConversation c, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO teams_conversations (conversation_id, kind, service_url, tenant_id, team_id, user_id, name, updated_at)
            VALUES (@ConversationId, @Kind, @ServiceUrl, @TenantId, @TeamId, @UserId, @Name, @now)
            ON CONFLICT (conversation_id) DO UPDATE SET
                kind = excluded.kind, service_url = excluded.service_url,
                tenant_id = COALESCE(excluded.tenant_id, teams_conversations.tenant_id),
                team_id = COALESCE(excluded.team_id, teams_conversations.team_id),
                user_id = COALESCE(excluded.user_id, teams_conversations.user_id),
                name = COALESCE(excluded.name, teams_conversations.name),
                updated_at = excluded.updated_at
            """, new { c.ConversationId, c.Kind, c.ServiceUrl, c.TenantId, c.TeamId, c.UserId, c.Name, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<TeamsConversation?> FindAsync(string conversationId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TeamsConversation>(new CommandDefinition(
            $"{Select} WHERE conversation_id = @conversationId", new { conversationId }, cancellationToken: ct));
    }

    public async Task<TeamsConversation?> FindPersonalAsync(string userId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<TeamsConversation>(new CommandDefinition(
            $"{Select} WHERE kind = 'personal' AND user_id = @userId ORDER BY updated_at DESC", new { userId }, cancellationToken: ct));
    }

    /// <summary>The most recent reference in the team (or any, when the team is unknown): its service URL and tenant serve new channels.</summary>
    public async Task<TeamsConversation?> LatestAsync(string? teamId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<TeamsConversation>(new CommandDefinition(
            teamId is null ? $"{Select} ORDER BY updated_at DESC" : $"{Select} WHERE team_id = @teamId ORDER BY updated_at DESC",
            new { teamId }, cancellationToken: ct));
    }

    public async Task SaveUserAsync(string userId, string name, string? aadObjectId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO teams_users (user_id, name, aad_object_id, updated_at) VALUES (@userId, @name, @aadObjectId, @now)
            ON CONFLICT (user_id) DO UPDATE SET name = excluded.name,
                aad_object_id = COALESCE(excluded.aad_object_id, teams_users.aad_object_id), updated_at = excluded.updated_at
            """, new { userId, name, aadObjectId, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return names;
        }

        await using var connection = await database.OpenAsync(ct);
        // One small query per id keeps the SQL identical on both engines (no array parameters).
        foreach (var id in userIds.Distinct())
        {
            if (await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT name FROM teams_users WHERE user_id = @id", new { id }, cancellationToken: ct)) is { } name)
            {
                names[id] = name;
            }
        }

        return names;
    }

    private const string Select =
        "SELECT conversation_id AS ConversationId, kind AS Kind, service_url AS ServiceUrl, tenant_id AS TenantId, team_id AS TeamId, user_id AS UserId, name AS Name FROM teams_conversations";
}
