using System.Diagnostics;
using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;
using ChatOps.Storage;
using ChatOps.Timeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Bench;

/// <summary>
/// The postmortem draft of a long incident: 20,000 timeline entries (chat messages with edits and
/// deletions, updates, notes, pins, /diag runs, reminders). Measures the drafter alone, and the
/// load from SQLite plus the draft, as the close handler does it.
/// </summary>
internal sealed class PostmortemScenario : IScenario
{
    private const int Entries = 20_000;
    private const int Runs = 15;

    public string Name => "postmortem";

    public string Description => $"postmortem draft of a {Entries:N0}-entry timeline: time and allocation";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var input = SyntheticIncident.Build(Entries);
        var small = SyntheticIncident.Build(Entries / 10);
        var draft = Measure(input, Runs, out var allocated, out var markdown, out var cpu);
        var reference = Measure(small, Runs, out _, out _, out var smallCpu);

        var loaded = await MeasureFromSqliteAsync(input, ct);

        return new ScenarioResult(Name,
        [
            new Figure("draft, median", draft.Median, "ms", $"{Entries / 10:N0} entries", reference.Median),
            new Figure("draft, slowest of " + Runs, draft.Max, "ms", $"{Entries / 10:N0} entries", reference.Max),
            new Figure("draft, CPU time per draft (median)", cpu, "ms", $"{Entries / 10:N0} entries", smallCpu),
            new Figure("allocated per draft", allocated / 1024.0 / 1024.0, "MB"),
            new Figure("draft size", markdown.Length / 1024.0, "KB"),
            new Figure("SQLite load + draft, median", loaded.Median, "ms"),
            new Figure("SQLite load + draft, slowest of 5", loaded.Max, "ms"),
        ],
        [
            $"load average {LoadAverage()} on {Environment.ProcessorCount} cores while measuring.",
            $"{Entries:N0} entries over {(input.Timeline[^1].OccurredAt - input.Timeline[0].OccurredAt).TotalHours:0.#} h, {input.Revisions.Count} edits, {input.Timeline.Count(e => e.IsDeleted)} deletions; {Runs} runs after 3 warm-ups.",
            "Load = TimelineStore.ListAsync + RevisionsAsync on a fresh SQLite file; the close handler also reads roles and action items (a few rows).",
        ]);
    }

    /// <summary>Wall-clock and CPU time: on a shared machine the wall clock includes waiting for a core; CPU time does not.</summary>
    private static (double Median, double Max) Measure(DraftInput input, int runs, out long allocated, out string markdown, out double cpuMedian)
    {
        var process = Process.GetCurrentProcess();
        var cpu = new List<double>();
        markdown = string.Empty;
        for (var i = 0; i < 3; i++)
        {
            markdown = PostmortemDrafter.Draft(input);
        }

        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            markdown = PostmortemDrafter.Draft(input);
            watch.Stop();
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        allocated = bytes;
        cpu.Sort();
        cpuMedian = cpu[cpu.Count / 2];
        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<(double Median, double Max)> MeasureFromSqliteAsync(DraftInput input, CancellationToken ct)
    {
        DapperSetup.Configure();
        var file = Path.Combine(Path.GetTempPath(), $"chatops-bench-postmortem-{Guid.NewGuid():N}.db");
        try
        {
            await using var database = new Database(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={file}" });
            await new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
            var timeline = new TimelineStore(database);
            var incidents = new IncidentStore(database);
            var ids = new Dictionary<long, long>();
            await database.InTransactionAsync(async (c, tx) =>
            {
                var number = await incidents.InsertAsync(c, tx, input.Incident, ct);
                foreach (var e in input.Timeline)
                {
                    ids[e.Id] = (await timeline.AppendAsync(c, tx, e with { IncidentNumber = number }, ct))!.Value;
                    if (e.DeletedAt is { } at)
                    {
                        await timeline.MarkDeletedAsync(c, tx, ids[e.Id], at, e.DeletedBy, ct);
                    }
                }

                foreach (var r in input.Revisions)
                {
                    await timeline.AddRevisionAsync(c, tx, r with { EntryId = ids[r.EntryId] }, r.EditedAt, ct);
                }

                return number;
            }, ct);

            var times = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                var watch = Stopwatch.StartNew();
                var entries = await timeline.ListAsync(1, ct);
                var revisions = await timeline.RevisionsAsync(1, ct);
                _ = PostmortemDrafter.Draft(input with { Timeline = entries, Revisions = revisions });
                watch.Stop();
                if (i > 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            return (times[times.Count / 2], times[^1]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
