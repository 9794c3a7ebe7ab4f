using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Diagnostics.Triage;

/// <summary>kube-system leader-election leases: a holder that stopped renewing is a component that is down.</summary>
public sealed class LeaseScan(DateTimeOffset now) : IListSink
{
    public Dictionary<string, LeaseState> Components { get; } = new(StringComparer.Ordinal);

    public void Add(JsonElement lease)
    {
        var name = lease.Name();
        if (name is not ("kube-scheduler" or "kube-controller-manager"))
        {
            return;
        }

        var renewed = lease.Time("spec", "renewTime");
        var duration = TimeSpan.FromSeconds(Math.Max(1, lease.Long("spec", "leaseDurationSeconds")));
        // The same slack as the rule of thumb in kubernetes-api.md 5.3: twice the lease, at least a minute.
        var limit = TimeSpan.FromTicks(Math.Max(2 * duration.Ticks, TimeSpan.FromSeconds(60).Ticks));
        var stale = renewed is null || now - renewed.Value > limit;
        Components[name] = new LeaseState(name, lease.Str("spec", "holderIdentity"), renewed, stale);
    }

    public void Reset() => Components.Clear();
}

public sealed record LeaseState(string Component, string? Holder, DateTimeOffset? RenewedAt, bool Stale);

/// <summary>kube-dns EndpointSlices: how many CoreDNS endpoints are ready to answer.</summary>
public sealed class DnsEndpointScan : IListSink
{
    public long Total { get; private set; }

    public long Ready { get; private set; }

    public void Add(JsonElement slice)
    {
        foreach (var endpoint in slice.Array("endpoints"))
        {
            Total++;
            // An absent "ready" means ready (the API documents nil as true).
            if (endpoint.Path("conditions", "ready") is not { ValueKind: JsonValueKind.False })
            {
                Ready++;
            }
        }
    }

    public void Reset() => Total = Ready = 0;
}

/// <summary>The failing checks of a /readyz?verbose or /livez?verbose body ("[-]etcd failed: reason withheld").</summary>
public static partial class HealthChecks
{
    public static IReadOnlyList<string> Failed(string body) =>
        Line().Matches(body).Where(m => m.Groups["sign"].Value == "-").Select(m => m.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^\[(?<sign>\+|-)\](?<name>\S+) (?:ok|excluded: ok|failed: .*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Line();
}
