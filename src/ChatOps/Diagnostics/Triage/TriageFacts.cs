namespace ChatOps.Diagnostics.Triage;

/// <summary>Everything one triage run read, and what it could not read. The rules only look at this.</summary>
public sealed class TriageFacts(NamespaceFilter filter, DateTimeOffset now, DateTimeOffset eventsSince, int keep = 5)
{
    public DateTimeOffset Now { get; } = now;

    public string? Version { get; set; }

    public TimeSpan? ApiLatency { get; set; }

    /// <summary>Set when neither /version nor /readyz answered (connection, TLS or timeout).</summary>
    public string? Unreachable { get; set; }

    /// <summary>Set when the API server refused the bot's credentials (401).</summary>
    public string? Unauthorized { get; set; }

    public int? ReadyzStatus { get; set; }

    public IReadOnlyList<string> ReadyzFailed { get; set; } = [];

    public NodeScan Nodes { get; } = new();

    public PodScan Pods { get; } = new(filter, keep);

    public EventScan Events { get; } = new(filter, eventsSince);

    public DeploymentScan Deployments { get; } = new(filter);

    public DaemonSetScan DaemonSets { get; } = new();

    public HpaScan Hpas { get; } = new(filter);

    public QuotaScan Quotas { get; } = new(filter);

    public LeaseScan Leases { get; } = new(now);

    public DnsEndpointScan DnsEndpoints { get; } = new();

    /// <summary>Which checks ran to completion ("nodes", "pods", ...); a rule needing one that did not run stays silent.</summary>
    public HashSet<string> Done { get; } = new(StringComparer.Ordinal);

    /// <summary>"events: the API server timed out (504) ..." for every check that failed: unknown is not healthy.</summary>
    public List<string> Missing { get; } = [];

    /// <summary>Errors that themselves point at etcd or API server trouble (500 etcdserver, repeated 429).</summary>
    public List<string> ServerErrors { get; } = [];

    public long Throttled { get; set; }

    public long Requests { get; set; }
}
