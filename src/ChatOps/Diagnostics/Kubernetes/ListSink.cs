using System.Text.Json;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// Receives list items one page at a time (items are only valid during <see cref="Add"/>), so a
/// 100,000-pod list is never held in memory. <see cref="Reset"/> is called when a list restarts.
/// </summary>
public interface IListSink
{
    void Add(JsonElement item);

    void Reset();
}

/// <summary>Selectors for a list call (field selectors support only =, == and !=).</summary>
public sealed record ListQuery(string? FieldSelector = null, string? LabelSelector = null);

/// <summary>How a list went: pages fetched, items seen, and whether it had to restart after an expired continue token.</summary>
public sealed record ListResult(int Pages, long Items, bool Restarted, bool Inconsistent);

/// <summary>A /readyz or /livez answer: 200 healthy, 500 failing (the body says which checks).</summary>
public sealed record HealthAnswer(int StatusCode, string Body, TimeSpan Latency);

/// <summary>A sink that keeps every item (small lists: a few leases, one namespace's quotas).</summary>
public sealed class CollectingSink : IListSink
{
    public List<JsonElement> Items { get; } = [];

    public void Add(JsonElement item) => Items.Add(item.Clone());

    public void Reset() => Items.Clear();
}
