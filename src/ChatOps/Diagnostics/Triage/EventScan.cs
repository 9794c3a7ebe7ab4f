using System.Text.Json;
using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Diagnostics.Triage;

/// <summary>
/// Warning events seen within the window, by reason. Both event populations are read: legacy
/// (firstTimestamp/lastTimestamp/count) and events.k8s.io-style (eventTime/series).
/// </summary>
public sealed class EventScan(NamespaceFilter filter, DateTimeOffset since, int keep = 3, string? subjectPrefix = null) : IListSink
{
    private static readonly string[] IpExhaustion =
    [
        "failed to assign an IP address", "no IP addresses available", "No available addresses", "failed to allocate for range",
    ];

    public Dictionary<string, ReasonTally> ByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>FailedCreatePodSandBox with an IP exhaustion message: occurrences per node.</summary>
    public Dictionary<string, long> IpExhaustionByNode { get; } = new(StringComparer.Ordinal);

    public long QuotaRejections { get; private set; }

    public Examples QuotaExamples { get; } = new(3);

    public long Occurrences(string reason) => ByReason.TryGetValue(reason, out var t) ? t.Occurrences : 0;

    public void Add(JsonElement e)
    {
        var ns = e.Namespace();
        if (!filter.Allows(ns) || e.Str("type") is not "Warning"
            || (subjectPrefix is not null && e.Str("involvedObject", "name")?.StartsWith(subjectPrefix, StringComparison.Ordinal) != true))
        {
            return;
        }

        var lastSeen = e.Time("series", "lastObservedTime") ?? e.Time("lastTimestamp") ?? e.Time("eventTime") ?? e.Time("metadata", "creationTimestamp");
        if (lastSeen is { } seen && seen < since)
        {
            return;
        }

        var reason = e.Str("reason") ?? "Unknown";
        var count = e.Path("series", "count") is { ValueKind: JsonValueKind.Number } ? e.Long("series", "count") : Math.Max(1, e.Long("count"));
        var message = e.Str("message") ?? string.Empty;
        var subject = $"{e.Str("involvedObject", "kind")} {(ns.Length > 0 ? ns + "/" : string.Empty)}{e.Str("involvedObject", "name")}";
        if (!ByReason.TryGetValue(reason, out var tally))
        {
            ByReason[reason] = tally = new ReasonTally(keep);
        }

        tally.Add(ns, $"{subject}: {message}", count);
        if (reason == "FailedCreatePodSandBox" && IpExhaustion.Any(s => message.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            var node = e.Str("source", "host") ?? e.Str("reportingInstance") ?? "?";
            IpExhaustionByNode[node] = IpExhaustionByNode.GetValueOrDefault(node) + count;
        }

        if (reason == "FailedCreate" && message.Contains("exceeded quota", StringComparison.Ordinal))
        {
            QuotaRejections += count;
            QuotaExamples.Add($"{subject}: {message}");
        }
    }

    public void Reset()
    {
        ByReason.Clear();
        IpExhaustionByNode.Clear();
        QuotaRejections = 0;
        QuotaExamples.Clear();
    }
}

/// <summary>One reason's occurrences, how many events and namespaces, and a few messages.</summary>
public sealed class ReasonTally(int keep)
{
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);

    public long Occurrences { get; private set; }

    public long Events { get; private set; }

    public int Namespaces => _namespaces.Count;

    public Examples Messages { get; } = new(keep);

    public void Add(string ns, string message, long count)
    {
        Occurrences += count;
        Events++;
        if (ns.Length > 0 && _namespaces.Count < 1000)
        {
            _namespaces.Add(ns);
        }

        Messages.Add(message);
    }
}
