using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Diagnostics.Triage;

namespace ChatOps.Bench.Triage;

/// <summary>
/// /diag triage against a 5,000-node, 100,000-pod fake cluster (served by a separate process),
/// beside `kubectl get nodes,pods -A -o json` against the same server: wall time, peak memory and
/// requests made.
/// </summary>
internal sealed partial class TriageScenario : IScenario
{
    private const int Nodes = 5_000;
    private const int Pods = 100_000;

    public string Name => "triage";

    public string Description => $"/diag triage on {Nodes:N0} nodes / {Pods:N0} pods vs kubectl get nodes,pods -A -o json";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("bench-triage-").FullName;
        using var server = StartServer();
        try
        {
            var address = new Uri(await server.StandardOutput.ReadLineAsync(ct) ?? throw new InvalidOperationException("the fake cluster did not start"));
            var kubeconfig = WriteKubeconfig(dir, address);
            using var stats = new HttpClient { BaseAddress = address };

            var triage = await RunTriageAsync(kubeconfig, ct);
            var triageRequests = long.Parse(await stats.GetStringAsync(new Uri("/_stats", UriKind.Relative), ct), CultureInfo.InvariantCulture);
            var kubectl = await RunKubectlAsync(kubeconfig, dir, ct);
            var kubectlRequests = long.Parse(await stats.GetStringAsync(new Uri("/_stats", UriKind.Relative), ct), CultureInfo.InvariantCulture);

            const string peer = "kubectl get nodes,pods -A -o json";
            return new ScenarioResult(Name,
            [
                new Figure("wall time", triage.Wall.TotalSeconds, "s", peer, kubectl.Wall.TotalSeconds),
                new Figure("peak memory (process RSS)", triage.PeakRssMb, "MB", peer, kubectl.PeakRssMb),
                new Figure("RSS growth during triage", triage.PeakRssMb - triage.BaselineRssMb, "MB"),
                new Figure("peak managed heap (sampled)", triage.PeakHeapMb, "MB"),
                new Figure("requests made", triageRequests, "requests", peer, kubectlRequests),
            ],
            [
                $"verdict: {TriageReport.Describe(triage.Report.Verdict)}; patterns: {string.Join(", ", triage.Report.Patterns.Select(p => p.Id))}",
                $"triage read {triage.Facts.Nodes.Total:N0} nodes and {triage.Facts.Pods.Total:N0} pods; missing: {(triage.Report.Missing.Count == 0 ? "nothing" : string.Join("; ", triage.Report.Missing))}",
                $"kubectl exit code {kubectl.ExitCode}; page size 500 for both; fake cluster in its own process on loopback",
            ]);
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill();
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(TimeSpan Wall, double PeakRssMb, double BaselineRssMb, double PeakHeapMb, TriageFacts Facts, TriageReport Report)> RunTriageAsync(string kubeconfig, CancellationToken ct)
    {
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        var baseline = self.WorkingSet64 / 1048576.0;
        var peakHeap = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var watch = Stopwatch.StartNew();
        using var client = new KubernetesClient(Kubeconfig.Load("bench", kubeconfig, null, TimeProvider.System), new KubernetesOptions { RequestTimeout = TimeSpan.FromSeconds(30) }, TimeProvider.System);
        var facts = await new TriageRunner(TimeProvider.System).CollectAsync(client, NamespaceFilter.All, TimeSpan.FromMinutes(3), ct);
        var report = TriageRules.Evaluate(facts, "bench");
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        self.Refresh();
        return (watch.Elapsed, self.PeakWorkingSet64 / 1048576.0, baseline, peakHeap / 1048576.0, facts, report);
    }

    private static async Task<(TimeSpan Wall, double PeakRssMb, int ExitCode)> RunKubectlAsync(string kubeconfig, string dir, CancellationToken ct)
    {
        var timeFile = Path.Combine(dir, "kubectl.time");
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c",
                $"/usr/bin/time -v -o '{timeFile}' kubectl --kubeconfig '{kubeconfig}' --cache-dir '{Path.Combine(dir, "cache")}' get nodes,pods -A -o json > /dev/null",
            },
            RedirectStandardError = true,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        watch.Stop();
        var rss = MaxRss().Match(await File.ReadAllTextAsync(timeFile, ct));
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"kubectl failed: {await errors}");
        }

        return (watch.Elapsed, rss.Success ? double.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture) / 1024 : double.NaN, process.ExitCode);
    }

    private static Process StartServer()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardInput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TriageScenario).Assembly.Location);
        }

        start.ArgumentList.Add(FakeClusterServer.Flag);
        start.ArgumentList.Add(Nodes.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(Pods.ToString(CultureInfo.InvariantCulture));
        return Process.Start(start)!;
    }

    private static string WriteKubeconfig(string dir, Uri server)
    {
        var path = Path.Combine(dir, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: bench
            clusters:
            - name: bench
              cluster:
                server: {server.ToString().TrimEnd('/')}
            contexts:
            - name: bench
              context:
                cluster: bench
                user: bench
            users:
            - name: bench
              user:
                token: bench-token
            """);
        return path;
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}
