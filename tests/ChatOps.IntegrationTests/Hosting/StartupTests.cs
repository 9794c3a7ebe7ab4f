using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.IntegrationTests.Hosting;

/// <summary>The real process: misconfiguration exits non-zero with one line naming the key.</summary>
public sealed class StartupTests
{
    public static TheoryData<string, string, string, string> Misconfigurations => new()
    {
        { "Storage:Provider", "Oracle", "Storage:Provider", "Oracle" },
        { "Incidents:StatusCadence:Sev1", "soon", "Incidents:StatusCadence:Sev1", "soon" },
        { "Storage:Bogus", "1", "Storage", "Bogus" },
        { "Slack:BotToken", "xoxb-test", "Slack:SigningSecret", "required" },
        { "Incidents:ChannelPrefix", "INC!", "Incidents:ChannelPrefix", "a-z" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task Misconfiguration_exits_with_one_line_naming_the_key(string key, string value, string named, string reason)
    {
        var storage = await TestStores.CreateAsync(StorageProvider.Sqlite);
        var settings = storage.Settings();
        settings[key] = value;
        await using var process = AppProcess.Start(settings);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var lines = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        var line = Assert.Single(lines);
        Assert.StartsWith("chatops: cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_exits_with_one_line_and_no_password()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=chatops;Password=hunter2-secret;Timeout=3",
        };
        await using var process = AppProcess.Start(settings);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Storage:ConnectionString", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_replicas_starting_together_on_one_postgres_both_become_ready_and_migrate_once()
    {
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres, "two");
        await using var first = AppProcess.Start(storage.Settings());
        await using var second = AppProcess.Start(storage.Settings());

        await Task.WhenAll(first.WaitReadyAsync(), second.WaitReadyAsync());

        await using var connection = await new Database(storage).OpenAsync(default);
        var rows = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations");
        var quartz = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'qrtz_triggers'");
        Assert.Equal(MigrationRunner.LoadScripts(StorageProvider.Postgres).Count, rows);
        Assert.Equal(1, quartz);
        Assert.DoesNotContain("Applied migration", first.Output + second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_run_creates_the_sqlite_file_and_becomes_ready()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatops-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={folder}/data/chatops.db" };
        await using var process = AppProcess.Start(settings);

        await process.WaitReadyAsync();

        Assert.True(File.Exists(Path.Combine(folder, "data", "chatops.db")));
    }
}
