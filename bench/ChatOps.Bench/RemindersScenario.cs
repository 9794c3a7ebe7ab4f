using System.Diagnostics;
using ChatOps.Chat;
using ChatOps.Incidents;
using ChatOps.Reminders;
using ChatOps.Storage;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatOps.Bench;

/// <summary>
/// 1,000 open incidents whose first status update falls due at staggered instants over 55 s
/// (SEV1/2/3 at 20/30/45-second cadences), on the real app with its Quartz sweep and outbox:
/// how late each reminder reaches the chat platform, and whether any is sent twice or not at all.
/// On PostgreSQL two app instances share the database, as two replicas would.
/// </summary>
internal sealed class RemindersScenario : IScenario
{
    private const int Incidents = 1000;
    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(55);
    private static readonly TimeSpan FirstDue = TimeSpan.FromSeconds(8);

    public string Name => "reminders";

    public string Description => "1,000 incidents, staggered due times: reminder lateness p50/p99, duplicates, sweep cost";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var (storage, engine) = await StorageAsync(context, ct);
        var platform = new BenchChatPlatform();
        var replicas = new List<WebApplication>();
        try
        {
            for (var i = 0; i < (storage.Provider == StorageProvider.Postgres ? 2 : 1); i++)
            {
                replicas.Add(await StartAsync(storage, platform, ct));
            }

            var services = replicas[0].Services;
            var t0 = TimeProvider.System.GetUtcNow();
            var dues = await InsertAsync(services, t0, ct);
            var end = dues.Values.Max() + TimeSpan.FromSeconds(10);
            await Task.Delay(end - TimeProvider.System.GetUtcNow(), ct);

            var reminders = platform.Posts.Where(p => p.Fallback.Contains("status update due", StringComparison.Ordinal)).ToList();
            var lateness = reminders.Where(r => dues.ContainsKey(r.Target)).Select(r => (r.At - dues[r.Target]).TotalMilliseconds).Order().ToList();
            var duplicates = reminders.GroupBy(r => r.Target).Sum(g => g.Count() - 1);
            var missing = dues.Keys.Count(channel => reminders.All(r => r.Target != channel));
            var overdue = platform.Posts.Count(p => p.Target == platform.BroadcastChannel && p.Fallback.Contains("update overdue", StringComparison.Ordinal));
            var detected = await DetectionAsync(services, ct);
            var sweep = await SweepCostAsync(services, ct);
            return new ScenarioResult(Name,
            [
                new Figure("reminders delivered", reminders.Count, "count"),
                new Figure("reminders missing", missing, "count"),
                new Figure("reminders sent twice", duplicates, "count"),
                new Figure("lateness p50 (due -> platform call)", Percentile(lateness, 0.50), "ms"),
                new Figure("lateness p99", Percentile(lateness, 0.99), "ms"),
                new Figure("lateness max", lateness.Count == 0 ? 0 : lateness[^1], "ms"),
                new Figure("claimed by the sweep p50 (due -> claim)", Percentile(detected, 0.50), "ms"),
                new Figure("claimed by the sweep p99", Percentile(detected, 0.99), "ms"),
                new Figure("overdue notices (grace = half the cadence)", overdue, "count"),
                new Figure("sweep over 1,000 open incidents, nothing due", sweep, "ms"),
            ],
            [
                $"engine: {engine}; {replicas.Count} app instance(s) on one database; sweep interval 2 s (the default); outbox poll 1 s",
                "lateness = when the chat platform was called minus the instant the update fell due",
            ]);
        }
        finally
        {
            foreach (var app in replicas)
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
    }

    private static async Task<WebApplication> StartAsync(StorageOptions storage, BenchChatPlatform platform, CancellationToken ct)
    {
        var app = ChatOpsApp.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Bench";
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Storage:Provider"] = storage.Provider.ToString(),
                ["Storage:ConnectionString"] = storage.ConnectionString,
                ["Web:Playground"] = "false",
                ["Incidents:StatusCadence:Sev1"] = "00:00:20",
                ["Incidents:StatusCadence:Sev2"] = "00:00:30",
                ["Incidents:StatusCadence:Sev3"] = "00:00:45",
            });
        }, services => services.AddSingleton<IChatPlatform>(platform));
        await ChatOpsApp.PrepareAsync(app, ct);
        await app.StartAsync(ct);
        return app;
    }

    /// <summary>Inserts the incidents (channels already open) so their first update falls due between t0+8 s and t0+63 s.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> InsertAsync(IServiceProvider services, DateTimeOffset t0, CancellationToken ct)
    {
        var store = services.GetRequiredService<IncidentStore>();
        var cadences = new[] { 20, 30, 45 };
        var dues = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await services.GetRequiredService<Database>().InTransactionAsync(async (c, tx) =>
        {
            for (var i = 0; i < Incidents; i++)
            {
                var due = t0 + FirstDue + (Spread * i / Incidents);
                var severity = (Severity)((i % 3) + 1);
                var channel = $"C-INC-{i}";
                dues[channel] = due;
                await store.InsertAsync(c, tx, new Incident
                {
                    Title = $"Bench incident {i}",
                    Severity = severity,
                    Status = IncidentStatus.Active,
                    Platform = "bench",
                    ChannelId = channel,
                    ChannelName = channel,
                    CommanderId = "U-IC",
                    DeclaredBy = "U-IC",
                    DeclaredAt = due - TimeSpan.FromSeconds(cadences[i % 3]),
                }, ct);
            }

            return 0;
        }, ct);
        return dues;
    }

    /// <summary>Due instant to claim, from reminder_sends: the sweep's share of the lateness (the rest is the outbox).</summary>
    private static async Task<List<double>> DetectionAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync(ct);
        var rows = await connection.QueryAsync<SendTimes>(new CommandDefinition(
            "SELECT due_at AS DueAt, sent_at AS SentAt FROM reminder_sends WHERE kind = 'Reminder'", cancellationToken: ct));
        return rows.Select(r => (r.SentAt - r.DueAt).TotalMilliseconds).Order().ToList();
    }

    /// <summary>Median of five sweeps once everything due was sent: the steady cost of watching 1,000 incidents.</summary>
    private static async Task<double> SweepCostAsync(IServiceProvider services, CancellationToken ct)
    {
        var sweep = services.GetRequiredService<ReminderSweep>();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await sweep.RunAsync(ct);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(2);
    }

    private static async Task<(StorageOptions Storage, string Engine)> StorageAsync(BenchContext context, CancellationToken ct)
    {
        if (context.PostgresConnectionString is { Length: > 0 } server)
        {
            var name = $"chatops_bench_reminders_{Guid.NewGuid():N}"[..40];
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(ct);
            await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
            return (new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString }, "PostgreSQL");
        }

        var file = Path.Combine(Path.GetTempPath(), $"chatops-bench-reminders-{Guid.NewGuid():N}.db");
        return (new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={file}" }, "SQLite");
    }

    private sealed class SendTimes
    {
        public DateTimeOffset DueAt { get; init; }

        public DateTimeOffset SentAt { get; init; }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
