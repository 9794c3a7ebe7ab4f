using System.Collections.Concurrent;

namespace ChatOps.Bench.Webhooks;

/// <summary>Collected request latencies (ms) and non-2xx answers for one kind of request.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _ms = [];
    private int _failed;

    public int Count => _ms.Count;

    public int Failed => Volatile.Read(ref _failed);

    public void Add(double ms, bool ok)
    {
        _ms.Add(ms);
        if (!ok)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>Nearest-rank percentile (0..100).</summary>
    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public int CountOver(double ms) => _ms.Count(m => m > ms);

    public double Max => _ms.IsEmpty ? double.NaN : _ms.Max();
}
