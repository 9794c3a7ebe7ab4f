using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace ChatOps.Storage;

/// <summary>
/// Applies the embedded, ordered SQL scripts for the configured engine in one transaction and
/// records each in <c>schema_migrations</c>. On PostgreSQL a transaction-scoped advisory lock
/// serialises replicas starting together; on SQLite <c>BEGIN IMMEDIATE</c> does the same.
/// </summary>
public sealed partial class MigrationRunner(Database database, TimeProvider clock, ILogger<MigrationRunner> logger)
{
    // Arbitrary but fixed: every ChatOps replica must agree on it.
    private const long AdvisoryLockKey = 0x43_68_61_74_4F_70_73; // "ChatOps"

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct)
    {
        var scripts = LoadScripts(database.Provider);
        await using var connection = await database.OpenAsync(ct);
        if (!database.IsPostgres)
        {
            // WAL lets readers (dashboard, /readyz) proceed while a writer commits; it cannot be
            // switched inside a transaction and persists in the file.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    text PRIMARY KEY,
                checksum   text NOT NULL,
                applied_at text NOT NULL
            )
            """, transaction: tx, cancellationToken: ct));

        var applied = (await connection.QueryAsync<(string Version, string Checksum)>(new CommandDefinition(
            "SELECT version, checksum FROM schema_migrations", transaction: tx, cancellationToken: ct)))
            .ToDictionary(r => r.Version, r => r.Checksum, StringComparer.Ordinal);

        var newlyApplied = new List<string>();
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Version, out var checksum))
            {
                if (checksum != script.Checksum)
                {
                    throw new StartupException("Storage", $"migration {script.Version} was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (@Version, @Checksum, @AppliedAt)",
                new { script.Version, script.Checksum, AppliedAt = clock.GetUtcNow().ToString("O") },
                tx, cancellationToken: ct));
            newlyApplied.Add(script.Version);
        }

        await tx.CommitAsync(ct);
        foreach (var version in newlyApplied)
        {
            LogApplied(logger, version, database.Provider);
        }

        return newlyApplied;
    }

    internal static IReadOnlyList<MigrationScript> LoadScripts(StorageProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"migrations/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n, prefix))
            .ToList();
    }

    private static MigrationScript Read(Assembly assembly, string name, string prefix)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var version = Path.GetFileNameWithoutExtension(name[prefix.Length..]);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new MigrationScript(version, sql, checksum);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Provider})")]
    private static partial void LogApplied(ILogger logger, string version, StorageProvider provider);
}

internal sealed record MigrationScript(string Version, string Sql, string Checksum);
