using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatOps.Storage;

/// <summary>
/// The one way product code reaches the database: open a connection for the configured engine.
/// SQL is written once for both engines (the subset they share); the few differences live in
/// the per-engine migration scripts.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    public Database(StorageOptions options)
    {
        Provider = options.Provider;
        if (Provider == StorageProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(options.ConnectionString);
        }
        else
        {
            _sqlite = NormalizeSqlite(options.ConnectionString);
        }
    }

    public StorageProvider Provider { get; }

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>The SQLite connection string with its file path made absolute (and its folder created).</summary>
    public string ConnectionString => _sqlite ?? _postgres!.ConnectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }

        var connection = new SqliteConnection(_sqlite);
        try
        {
            await connection.OpenAsync(ct);
            await using var pragma = connection.CreateCommand();
            // Foreign keys are off by default in SQLite; the busy timeout lets concurrent writers
            // (webhook, dispatcher, scheduler) queue instead of failing.
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    internal static string NormalizeSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (string.IsNullOrWhiteSpace(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
        {
            return builder.ToString();
        }

        path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        builder.DataSource = path;
        builder.Pooling = true;
        return builder.ToString();
    }
}

public static class DatabaseExtensions
{
    /// <summary>Runs <paramref name="work"/> in one transaction and commits it.</summary>
    public static async Task<T> InTransactionAsync<T>(
        this Database database, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }
}
