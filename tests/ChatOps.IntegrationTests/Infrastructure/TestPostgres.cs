using Npgsql;

namespace ChatOps.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the suite runs against (scripts/test.sh starts one). Each test gets its
/// own database on it, so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CHATOPS_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with scripts/test.sh (it starts a throwaway PostgreSQL from " +
                "/usr/lib/postgresql/*/bin), or set it to a server you may create databases on.");

    public static async Task<string> CreateDatabaseAsync(string purpose = "t")
    {
        var name = $"chatops_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Makes a database refuse new connections and drops the open ones: "the database is down".</summary>
    public static async Task CutOffAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var cut = new NpgsqlCommand(
            $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';",
            connection);
        await cut.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
    }

    public static async Task RestoreAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var restore = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true", connection);
        await restore.ExecuteNonQueryAsync();
    }
}
