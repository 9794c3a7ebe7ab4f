using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Diagnostics.Triage;

/// <summary>Unhealthy pods by kind, namespace and workload, plus CoreDNS's own pods; counted page by page.</summary>
public sealed partial class PodScan(NamespaceFilter filter, int keep = 5) : IListSink
{
    public long Total { get; private set; }

    public Dictionary<string, Examples> ByKind { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> UnhealthyByNamespace { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> UnhealthyByWorkload { get; } = new(StringComparer.Ordinal);

    /// <summary>Workloads with a crash-looping pod ("shop/checkout"): an HPA scaling one of them is scaling a broken service.</summary>
    public HashSet<string> CrashLoopingWorkloads { get; } = new(StringComparer.Ordinal);

    /// <summary>Fragments of the scheduler's "0/N nodes are available" messages: "Insufficient cpu" -> pods.</summary>
    public Dictionary<string, long> SchedulingReasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Terminating pods on nodes (name -> count); stranded when the node is down.</summary>
    public Dictionary<string, long> TerminatingByNode { get; } = new(StringComparer.Ordinal);

    public long DnsPods { get; private set; }

    public long DnsPodsReady { get; private set; }

    public Examples DnsPodProblems { get; } = new();

    /// <summary>Rows for /diag pods: namespace, name, status, restarts, node, detail.</summary>
    public List<PodRow> Rows { get; } = [];

    public Examples Kind(string kind) => ByKind.TryGetValue(kind, out var e) ? e : new Examples();

    public long Unhealthy => ByKind.Values.Sum(e => e.Count);

    public void Add(JsonElement pod)
    {
        var ns = pod.Namespace();
        if (!filter.Allows(ns))
        {
            return;
        }

        Total++;
        var problem = PodState.Classify(pod);
        var isDns = ns == "kube-system" && pod.Label("k8s-app") == "kube-dns";
        if (isDns)
        {
            DnsPods++;
            if (problem is null)
            {
                DnsPodsReady++;
            }
            else
            {
                DnsPodProblems.Add($"{pod.Name()} {problem.Status} ({problem.Detail})");
            }
        }

        if (problem is null)
        {
            return;
        }

        var name = $"{ns}/{pod.Name()}";
        var node = pod.Str("spec", "nodeName");
        if (!ByKind.TryGetValue(problem.Kind, out var examples))
        {
            ByKind[problem.Kind] = examples = new Examples(keep);
        }

        examples.Add($"{name} {problem.Status}: {problem.Detail}");
        UnhealthyByNamespace[ns] = UnhealthyByNamespace.GetValueOrDefault(ns) + 1;
        var workload = PodState.Workload(pod);
        UnhealthyByWorkload[workload] = UnhealthyByWorkload.GetValueOrDefault(workload) + 1;
        if (problem.Kind == PodState.CrashLoop)
        {
            CrashLoopingWorkloads.Add(workload);
        }

        if (problem.Kind == PodState.Unschedulable)
        {
            foreach (Match m in SchedulingFragment().Matches(problem.Detail.Split(" preemption:", 2)[0]))
            {
                var reason = Normalize(m.Groups["what"].Value);
                SchedulingReasons[reason] = SchedulingReasons.GetValueOrDefault(reason) + 1;
            }
        }

        if (problem.Kind == PodState.Terminating && node is not null)
        {
            TerminatingByNode[node] = TerminatingByNode.GetValueOrDefault(node) + 1;
        }

        if (Rows.Count < keep)
        {
            Rows.Add(new PodRow(ns, pod.Name(), problem.Status, PodState.Restarts(pod), node ?? "-", problem.Detail));
        }
    }

    public void Reset()
    {
        Total = DnsPods = DnsPodsReady = 0;
        ByKind.Clear();
        UnhealthyByNamespace.Clear();
        UnhealthyByWorkload.Clear();
        CrashLoopingWorkloads.Clear();
        SchedulingReasons.Clear();
        TerminatingByNode.Clear();
        DnsPodProblems.Clear();
        Rows.Clear();
    }

    // "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }" -> "untolerated taint node.kubernetes.io/not-ready".
    private static string Normalize(string what)
    {
        var text = what.Replace("node(s) ", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('.');
        var brace = text.IndexOf(" {", StringComparison.Ordinal);
        return brace < 0 ? text : text[..brace] + " " + text[(brace + 2)..].TrimEnd('}').Trim().TrimEnd(':');
    }

    [GeneratedRegex(@"(?:^|, |: )(?<n>\d+) (?<what>[^,]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SchedulingFragment();
}

public sealed record PodRow(string Namespace, string Name, string Status, long Restarts, string Node, string Detail);
