using System.Diagnostics;
using Npgsql;

namespace ChatOps.Bench.Webhooks;

/// <summary>
/// The PostgreSQL server for the webhook scenarios: CHATOPS_TEST_POSTGRES (or CHATOPS_BENCH_POSTGRES)
/// when set, otherwise a throwaway cluster started with infra/postgres/pg-local.sh and stopped when
/// the bench exits. Each scenario creates its own database on it.
/// </summary>
internal static class BenchPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _server;

    public static async Task<string> ServerAsync(string? configured)
    {
        await Gate.WaitAsync();
        try
        {
            _server ??= Environment.GetEnvironmentVariable("CHATOPS_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
                : configured is { Length: > 0 } ? configured
                : await StartLocalAsync();
            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<string> CreateDatabaseAsync(string? configured, string purpose)
    {
        var server = await ServerAsync(configured);
        var name = $"chatops_bench_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    private static async Task<string> StartLocalAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "infra", "postgres", "pg-local.sh");
        var output = await RunAsync(script, "start");
        var exports = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
        var dir = exports["CHATOPS_PG_DIR"];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(script, "stop", dir).GetAwaiter().GetResult();
        Console.WriteLine($"   (started a throwaway PostgreSQL in {dir}; it is stopped when the bench exits)");
        return exports["CHATOPS_TEST_POSTGRES"];
    }

    private static async Task<string> RunAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from the repository (ChatOps.sln not found above the current folder).");
    }
}
