using System.Text.Json;
using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Diagnostics.Triage;

/// <summary>Node readiness, pressure and cordons, counted page by page.</summary>
public sealed class NodeScan(int keep = 5) : IListSink
{
    public long Total { get; private set; }

    public long Ready { get; private set; }

    public Examples NotReady { get; } = new(keep);

    public Examples Unknown { get; } = new(keep);

    /// <summary>NotReady because the network plugin is not ready (CNI).</summary>
    public Examples CniNotReady { get; } = new(keep);

    public Examples Pressure { get; } = new(keep);

    public Examples Cordoned { get; } = new(keep);

    /// <summary>Names of nodes that are not Ready (pods on them are stranded); kept for the pod scan.</summary>
    public HashSet<string> DownNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>When the not-ready nodes turned so: close together means a shared cause.</summary>
    public List<DateTimeOffset> DownSince { get; } = [];

    /// <summary>Unknown nodes that all say the same thing (kubelets cannot reach the API server).</summary>
    public Dictionary<string, long> UnknownMessages { get; } = new(StringComparer.Ordinal);

    public void Add(JsonElement node)
    {
        Total++;
        var name = node.Name();
        if (node.Bool("spec", "unschedulable"))
        {
            Cordoned.Add(name);
        }

        foreach (var pressure in new[] { "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable" })
        {
            if (node.Condition(pressure)?.Str("status") == "True")
            {
                Pressure.Add($"{name} ({pressure})");
            }
        }

        var ready = node.Condition("Ready");
        var status = ready?.Str("status");
        if (status == "True")
        {
            Ready++;
            return;
        }

        DownNodes.Add(name);
        if (ready?.Time("lastTransitionTime") is { } since && DownSince.Count < 10_000)
        {
            DownSince.Add(since);
        }

        var message = ready?.Str("message") ?? string.Empty;
        if (status == "False")
        {
            NotReady.Add($"{name} ({Short(ready?.Str("reason") ?? "NotReady", message)})");
            if (message.Contains("NetworkPluginNotReady", StringComparison.Ordinal) || message.Contains("cni", StringComparison.OrdinalIgnoreCase))
            {
                CniNotReady.Add(name);
            }
        }
        else
        {
            Unknown.Add($"{name} ({(message.Length == 0 ? "no Ready condition" : message)})");
            UnknownMessages[message] = UnknownMessages.GetValueOrDefault(message) + 1;
        }
    }

    public long Down => NotReady.Count + Unknown.Count;

    public void Reset()
    {
        Total = Ready = 0;
        NotReady.Clear();
        Unknown.Clear();
        CniNotReady.Clear();
        Pressure.Clear();
        Cordoned.Clear();
        DownNodes.Clear();
        DownSince.Clear();
        UnknownMessages.Clear();
    }

    private static string Short(string reason, string message) =>
        message.Contains("NetworkPluginNotReady", StringComparison.Ordinal) ? "CNI not ready"
        : message.Contains("PLEG", StringComparison.Ordinal) ? "PLEG not healthy"
        : message.Contains("container runtime is down", StringComparison.Ordinal) ? "container runtime down"
        : reason;
}
