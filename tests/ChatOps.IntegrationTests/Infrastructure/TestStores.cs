using ChatOps.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.IntegrationTests.Infrastructure;

/// <summary>Fresh, empty stores of either engine: a new SQLite file or a new PostgreSQL database.</summary>
public static class TestStores
{
    public static TheoryData<StorageProvider> Engines => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    public static async Task<StorageOptions> CreateAsync(StorageProvider provider, string purpose = "t")
    {
        if (provider == StorageProvider.Postgres)
        {
            return new StorageOptions { Provider = provider, ConnectionString = await TestPostgres.CreateDatabaseAsync(purpose) };
        }

        var folder = Path.Combine(Path.GetTempPath(), "chatops-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{purpose}-{Guid.NewGuid():N}.db");
        return new StorageOptions { Provider = provider, ConnectionString = $"Data Source={file}" };
    }

    /// <summary>A migrated database, for tests that talk to stores directly.</summary>
    public static async Task<Database> MigratedAsync(StorageProvider provider, TimeProvider? clock = null)
    {
        DapperSetup.Configure();
        var database = new Database(await CreateAsync(provider));
        await new MigrationRunner(database, clock ?? TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        return database;
    }

    /// <summary>Configuration entries that point the app at <paramref name="storage"/>.</summary>
    public static Dictionary<string, string?> Settings(this StorageOptions storage) => new()
    {
        ["Storage:Provider"] = storage.Provider.ToString(),
        ["Storage:ConnectionString"] = storage.ConnectionString,
    };
}
