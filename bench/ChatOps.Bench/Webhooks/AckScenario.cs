using System.Diagnostics;
using Dapper;
using Npgsql;

namespace ChatOps.Bench.Webhooks;

/// <summary>
/// (a) How fast signed Slack webhooks are acknowledged while everything ChatOps sends to Slack
/// takes 5 s: slash commands (/incident declare, which queues channel creation, invites and
/// announcements) and message events (into an incident timeline), at a fixed rate and at
/// saturation, each beside GET /healthz of the same host measured in the same run.
/// </summary>
internal sealed class AckScenario : IScenario
{
    private static readonly TimeSpan SlackDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FixedFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SaturateFor = TimeSpan.FromSeconds(20);
    private const int RatePerKind = 20;
    private const int Workers = 16;

    public string Name => "ack";

    public string Description => "Slack slash commands and events acknowledged with a 5 s Slack API, fixed rate and saturation, vs a no-op endpoint";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var database = await BenchPostgres.CreateDatabaseAsync(context.PostgresConnectionString, "ack");
        await using var slack = await SlowSlack.StartAsync(SlackDelay);
        await using var host = await WebhookHost.StartAsync(database, slack.ApiBaseUrl);
        var requests = new SignedRequests(WebhookHost.Secret);
        var channel = await IncidentChannelAsync(host, requests, database);
        var load = new AckLoad(host.Client, requests, channel);

        await load.WarmUpAsync(150);
        var fixedRate = await load.FixedRateAsync(RatePerKind, FixedFor);
        var saturated = await load.SaturateAsync(Workers, SaturateFor);

        var figures = new List<Figure>();
        foreach (var (phase, results) in new[] { ("fixed", fixedRate), ("saturation", saturated) })
        {
            var noop = results[AckKind.NoOp];
            foreach (var kind in new[] { AckKind.Command, AckKind.Event })
            {
                var l = results[kind];
                var label = kind == AckKind.Command ? "command" : "event";
                figures.Add(new Figure($"{phase} {label} p50", l.Percentile(50), "ms", "no-op p50", noop.Percentile(50)));
                figures.Add(new Figure($"{phase} {label} p99", l.Percentile(99), "ms", "no-op p99", noop.Percentile(99)));
                figures.Add(new Figure($"{phase} {label} max", l.Max, "ms", "no-op max", noop.Max));
                figures.Add(new Figure($"{phase} {label} p99 / no-op p99", l.Percentile(99) / noop.Percentile(99), "x"));
                figures.Add(new Figure($"{phase} {label} non-2xx", l.Failed, "requests"));
            }
        }

        figures.Add(new Figure("saturation throughput (all three kinds)", saturated.Values.Sum(l => l.Count) / SaturateFor.TotalSeconds, "req/s"));
        var over3s = new[] { fixedRate, saturated }.SelectMany(r => r.Values).Where(l => l != fixedRate[AckKind.NoOp] && l != saturated[AckKind.NoOp]).Sum(l => l.CountOver(3000));
        figures.Add(new Figure("acks slower than Slack's 3 s deadline", over3s, "requests"));
        figures.Add(new Figure("Slack API calls started (each answered after 5 s)", slack.Calls, "calls"));
        await using (var connection = new NpgsqlConnection(database))
        {
            // The Slack work the acknowledged commands queued, still waiting on the slow API: acks did not wait for it.
            figures.Add(new Figure("outbox rows still queued at the end", await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE completed_at IS NULL AND failed_at IS NULL"), "rows"));
        }

        return new ScenarioResult(Name, figures,
        [
            $"fixed: {RatePerKind} req/s of each kind (commands, events, no-op) for {FixedFor.TotalSeconds:0} s, open loop; saturation: {Workers} closed-loop workers cycling the three kinds for {SaturateFor.TotalSeconds:0} s",
            "command = signed /incident declare (persists the incident and queues its Slack work); event = signed message event into an incident channel (timeline insert, de-duplicated); no-op = GET /healthz",
            $"PostgreSQL; Slack stand-in answers every call after {SlackDelay.TotalSeconds:0} s; {Environment.ProcessorCount} cores",
        ]);
    }

    /// <summary>Declares the incident the events go to, and waits until its channel is recorded (the 5 s Slack makes that take a while).</summary>
    private static async Task<string> IncidentChannelAsync(WebhookHost host, SignedRequests requests, string database)
    {
        using var response = await host.Client.SendAsync(requests.Command("/incident", "declare sev2 Bench target", "UBENCHUSR1", "CBENCHORIG"));
        response.EnsureSuccessStatusCode();
        await using var connection = new NpgsqlConnection(database);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await connection.QuerySingleOrDefaultAsync<string>("SELECT channel_id FROM incidents WHERE number = 1") is { } channel)
            {
                return channel;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the bench incident never got its channel");
    }
}
