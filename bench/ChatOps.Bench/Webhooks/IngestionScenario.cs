using System.Diagnostics;
using ChatOps.Incidents;
using ChatOps.Storage;
using Dapper;
using Npgsql;

namespace ChatOps.Bench.Webhooks;

/// <summary>
/// (b) Message events into an incident timeline on PostgreSQL over the real signed webhook, with
/// 20% of them redelivered (as Slack does when an answer is late or lost), against a plain
/// single-row INSERT loop on the same database with the same concurrency as the reference.
/// </summary>
internal sealed class IngestionScenario : IScenario
{
    private const int Events = 6000;
    private const double DuplicateShare = 0.2;
    private const int Workers = 16;
    private const string Channel = "CBENCHINGST";

    public string Name => "ingestion";

    public string Description => "Slack message events into the timeline on PostgreSQL with 20% redeliveries, vs a plain INSERT loop";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var database = await BenchPostgres.CreateDatabaseAsync(context.PostgresConnectionString, "ingest");
        await using var slack = await SlowSlack.StartAsync(TimeSpan.Zero);
        await using var host = await WebhookHost.StartAsync(database, slack.ApiBaseUrl);
        await CreateIncidentAsync(host);
        var requests = new SignedRequests(WebhookHost.Secret);
        var sends = Plan(new Random(20261206));

        // Warm-up on another channel (no incident there: recorded as seen, not in the timeline).
        await RunAsync(Enumerable.Range(0, 300).Select(i => (i, false)).ToList(), Workers, async (s, l) =>
        {
            using var r = requests.Message("CBENCHWARM", $"EvWarm{s.N}", $"1772400000.{s.N:D6}", "warm-up");
            await TimeAsync(host.Client, r, l);
        });

        var ingest = new Latencies();
        var watch = Stopwatch.StartNew();
        await RunAsync(sends, Workers, async (s, l) =>
        {
            using var r = requests.Message(Channel, $"EvIngest{s.N:D6}", $"1772445600.{s.N:D6}", $"ingested message {s.N}", retry: s.Retry);
            await TimeAsync(host.Client, r, l);
        }, ingest);
        var ingestSeconds = watch.Elapsed.TotalSeconds;

        await using var connection = new NpgsqlConnection(database);
        var (entries, distinct) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT count(*), count(DISTINCT source_message_id) FROM timeline_entries WHERE kind = 'Message' AND source_channel = @Channel", new { Channel });

        var reference = await PlainInsertAsync(database, sends.Count);
        var referenceLatencies = reference.Latencies;

        return new ScenarioResult(Name,
        [
            new Figure("webhook requests per second", sends.Count / ingestSeconds, "req/s", "plain INSERT rows/s", sends.Count / reference.Seconds),
            new Figure("ingest p50", ingest.Percentile(50), "ms", "plain INSERT p50", referenceLatencies.Percentile(50)),
            new Figure("ingest p99", ingest.Percentile(99), "ms", "plain INSERT p99", referenceLatencies.Percentile(99)),
            new Figure("ingest max", ingest.Max, "ms", "plain INSERT max", referenceLatencies.Max),
            new Figure("throughput vs plain INSERT", sends.Count / ingestSeconds / (sends.Count / reference.Seconds), "x"),
            new Figure("events sent (unique)", Events, "events"),
            new Figure("redeliveries sent", sends.Count - Events, "requests"),
            new Figure("non-2xx answers", ingest.Failed, "requests"),
            new Figure("lost (unique events not in the timeline)", Events - distinct, "events"),
            new Figure("duplicated (extra timeline entries)", entries - distinct, "entries"),
        ],
        [
            $"{Events} unique message events + {DuplicateShare:P0} redelivered with X-Slack-Retry-Num (each within ~100 sends of its original, so some race it), {Workers} closed-loop senders",
            "each webhook: signature check, JSON parse, one transaction (inbound event id + incident lookup + timeline insert); the reference: one INSERT of one row per statement, autocommit, same concurrency, same database",
            $"PostgreSQL; {Environment.ProcessorCount} cores",
        ]);
    }

    private static async Task CreateIncidentAsync(WebhookHost host)
    {
        var clock = host.Get<TimeProvider>();
        var now = clock.GetUtcNow();
        await host.Get<Database>().InTransactionAsync((c, tx) => host.Get<IncidentStore>().InsertAsync(c, tx, new Incident
        {
            Title = "Ingestion bench",
            Severity = Severity.Sev2,
            Status = IncidentStatus.Active,
            Platform = "slack",
            ChannelId = Channel,
            ChannelName = "inc-1-ingestion-bench",
            CommanderId = "UBENCHUSR1",
            DeclaredBy = "UBENCHUSR1",
            DeclaredAt = now,
            LastStatusAt = now,
        }, CancellationToken.None), CancellationToken.None);
    }

    /// <summary>Every event once, plus a redelivery of 20% of them placed shortly after the original.</summary>
    private static List<(int N, bool Retry)> Plan(Random random)
    {
        var keyed = new List<(double Key, int N, bool Retry)>();
        for (var n = 0; n < Events; n++)
        {
            keyed.Add((n, n, false));
            if (random.NextDouble() < DuplicateShare)
            {
                keyed.Add((n + 0.5 + (random.NextDouble() * 100), n, true));
            }
        }

        return [.. keyed.OrderBy(k => k.Key).Select(k => (k.N, k.Retry))];
    }

    private static async Task RunAsync(List<(int N, bool Retry)> sends, int workers, Func<(int N, bool Retry), Latencies, Task> send, Latencies? into = null)
    {
        var latencies = into ?? new Latencies();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sends.Count)
            {
                await send(sends[i], latencies);
            }
        })));
    }

    private static async Task TimeAsync(HttpClient client, HttpRequestMessage request, Latencies into)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
    }

    private static async Task<(double Seconds, Latencies Latencies)> PlainInsertAsync(string database, int rows)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using (var create = source.CreateCommand("CREATE TABLE plain_insert (id bigserial PRIMARY KEY, event_id text NOT NULL, body text NOT NULL, at timestamptz NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await RunAsync(Enumerable.Range(0, rows).Select(i => (i, false)).ToList(), Workers, async (s, l) =>
        {
            var started = Stopwatch.GetTimestamp();
            await using var insert = source.CreateCommand("INSERT INTO plain_insert (event_id, body, at) VALUES ($1, $2, now())");
            insert.Parameters.Add(new NpgsqlParameter { Value = $"EvPlain{s.N:D6}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"plain message {s.N}" });
            await insert.ExecuteNonQueryAsync();
            l.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok: true);
        }, latencies);
        return (watch.Elapsed.TotalSeconds, latencies);
    }
}
