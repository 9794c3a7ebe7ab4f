using System.Globalization;
using System.Text.Json;
using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Diagnostics.Triage;

/// <summary>Deployments: CoreDNS availability and rollouts that stopped progressing.</summary>
public sealed class DeploymentScan(NamespaceFilter filter) : IListSink
{
    public long? DnsDesired { get; private set; }

    public long DnsAvailable { get; private set; }

    public Examples Stuck { get; } = new();

    public Examples Unavailable { get; } = new();

    public void Add(JsonElement d)
    {
        var ns = d.Namespace();
        if (!filter.Allows(ns))
        {
            return;
        }

        var desired = d.Path("spec", "replicas") is null ? 1 : d.Long("spec", "replicas");
        var available = d.Long("status", "availableReplicas");
        if (ns == "kube-system" && d.Name() == "coredns")
        {
            DnsDesired = desired;
            DnsAvailable = available;
        }

        if (d.Condition("Progressing") is { } p && p.Str("reason") == "ProgressDeadlineExceeded")
        {
            Stuck.Add($"{ns}/{d.Name()} ({available}/{desired} available)");
        }
        else if (available < desired)
        {
            Unavailable.Add($"{ns}/{d.Name()} ({available}/{desired} available)");
        }
    }

    public void Reset()
    {
        DnsDesired = null;
        DnsAvailable = 0;
        Stuck.Clear();
        Unavailable.Clear();
    }
}

/// <summary>kube-system DaemonSets; the CNI ones matter most (a failing CNI strands every new pod on its nodes).</summary>
public sealed class DaemonSetScan : IListSink
{
    private static readonly string[] CniNames = ["aws-node", "calico-node", "cilium", "kube-flannel-ds", "azure-cns", "weave-net", "canal", "antrea-agent"];

    public Examples CniUnavailable { get; } = new();

    public Examples OtherUnavailable { get; } = new();

    public List<string> CniFound { get; } = [];

    public long CniUnavailableNodes { get; private set; }

    public void Add(JsonElement ds)
    {
        var name = ds.Name();
        var desired = ds.Long("status", "desiredNumberScheduled");
        var unavailable = ds.Long("status", "numberUnavailable");
        var isCni = CniNames.Any(c => name.StartsWith(c, StringComparison.Ordinal));
        if (isCni)
        {
            CniFound.Add(name);
        }

        if (unavailable <= 0)
        {
            return;
        }

        var text = $"{name} ({desired - unavailable}/{desired} available)";
        if (isCni)
        {
            CniUnavailable.Add(text);
            CniUnavailableNodes += unavailable;
        }
        else
        {
            OtherUnavailable.Add(text);
        }
    }

    public void Reset()
    {
        CniUnavailable.Clear();
        OtherUnavailable.Clear();
        CniFound.Clear();
        CniUnavailableNodes = 0;
    }
}

/// <summary>HPAs at their maximum, and HPAs that cannot read metrics ("blind").</summary>
public sealed class HpaScan(NamespaceFilter filter) : IListSink
{
    public List<HpaRow> Rows { get; } = [];

    public void Add(JsonElement h)
    {
        var ns = h.Namespace();
        if (!filter.Allows(ns) || Rows.Count >= 2000)
        {
            return;
        }

        var max = h.Long("spec", "maxReplicas");
        var min = h.Path("spec", "minReplicas") is null ? 1 : h.Long("spec", "minReplicas");
        var current = h.Long("status", "currentReplicas");
        var limited = h.Condition("ScalingLimited") is { } l && l.Str("status") == "True" && l.Str("reason") == "TooManyReplicas";
        var active = h.Condition("ScalingActive");
        var blind = active is { } a && a.Str("status") == "False" ? a.Str("reason") : null;
        Rows.Add(new HpaRow(ns, h.Name(), $"{ns}/{h.Str("spec", "scaleTargetRef", "name")}", min, max, current,
            Maxed: max != min && current >= max, limited, blind, h.Time("status", "lastScaleTime")));
    }

    public void Reset() => Rows.Clear();
}

public sealed record HpaRow(string Namespace, string Name, string Target, long Min, long Max, long Current, bool Maxed, bool TooManyReplicas, string? BlindReason, DateTimeOffset? LastScale);

/// <summary>ResourceQuotas and the keys at (or over) their hard limit.</summary>
public sealed class QuotaScan(NamespaceFilter filter) : IListSink
{
    public List<QuotaRow> Rows { get; } = [];

    public IEnumerable<QuotaRow> Full => Rows.Where(r => r.Ratio >= 1);

    public void Add(JsonElement q)
    {
        var ns = q.Namespace();
        if (!filter.Allows(ns) || q.Path("status", "hard") is not { ValueKind: JsonValueKind.Object } hard || Rows.Count >= 5000)
        {
            return;
        }

        foreach (var key in hard.EnumerateObject().Where(k => k.Value.ValueKind == JsonValueKind.String))
        {
            var used = q.Str("status", "used", key.Name);
            var limit = Quantity.Parse(key.Value.GetString());
            var value = Quantity.Parse(used);
            if (limit is > 0 && value is not null)
            {
                Rows.Add(new QuotaRow(ns, q.Name(), key.Name, used!, key.Value.GetString()!, value.Value / limit.Value));
            }
        }
    }

    public void Reset() => Rows.Clear();
}

public sealed record QuotaRow(string Namespace, string Name, string Resource, string Used, string Hard, double Ratio);

/// <summary>Kubernetes quantities ("16", "250m", "14848Mi", "1e3") as numbers, enough to compare used with hard.</summary>
public static class Quantity
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    [
        ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", 1024d * 1024 * 1024 * 1024), ("Pi", Math.Pow(1024, 5)), ("Ei", Math.Pow(1024, 6)),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ];

    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                return n * factor;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }
}
