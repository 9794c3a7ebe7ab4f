using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.IntegrationTests.Storage;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Migrations_apply_once_and_a_second_run_changes_nothing(StorageProvider provider)
    {
        var database = new Database(await TestStores.CreateAsync(provider));
        var runner = new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(default);
        var second = await runner.ApplyAsync(default);

        Assert.Contains("0001_initial", first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Replicas_migrating_at_the_same_moment_apply_each_script_once()
    {
        var options = await TestStores.CreateAsync(StorageProvider.Postgres);
        var runners = Enumerable.Range(0, 4)
            .Select(_ => new MigrationRunner(new Database(options), TimeProvider.System, NullLogger<MigrationRunner>.Instance))
            .ToList();

        var results = await Task.WhenAll(runners.Select(r => r.ApplyAsync(default)));

        Assert.Single(results, r => r.Count > 0);
        await using var connection = await new Database(options).OpenAsync(default);
        var versions = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations")).ToList();
        Assert.Equal(MigrationRunner.LoadScripts(StorageProvider.Postgres).Count, versions.Count);
    }

    [Fact]
    public void Every_migration_exists_for_both_engines()
    {
        var postgres = MigrationRunner.LoadScripts(StorageProvider.Postgres).Select(s => s.Version);
        var sqlite = MigrationRunner.LoadScripts(StorageProvider.Sqlite).Select(s => s.Version);

        Assert.Equal(postgres, sqlite);
        Assert.NotEmpty(postgres);
    }
}
