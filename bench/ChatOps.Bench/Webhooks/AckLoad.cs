using System.Diagnostics;

namespace ChatOps.Bench.Webhooks;

internal enum AckKind
{
    Command,
    Event,
    NoOp,
}

/// <summary>Sends the three kinds of request and times each from send to the full answer.</summary>
internal sealed class AckLoad(HttpClient client, SignedRequests requests, string channel)
{
    private long _sequence;

    public async Task WarmUpAsync(int each)
    {
        for (var i = 0; i < each; i++)
        {
            foreach (var kind in Enum.GetValues<AckKind>())
            {
                await SendAsync(kind, new Latencies());
            }
        }
    }

    /// <summary>Open loop: requests start on schedule whether or not earlier ones have finished (no coordinated omission).</summary>
    public async Task<Dictionary<AckKind, Latencies>> FixedRateAsync(int perSecondEach, TimeSpan duration)
    {
        var results = Enum.GetValues<AckKind>().ToDictionary(k => k, _ => new Latencies());
        var interval = TimeSpan.FromSeconds(1.0 / perSecondEach);
        var watch = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (var tick = 0; watch.Elapsed < duration; tick++)
        {
            var due = interval * tick;
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }

            inFlight.AddRange(results.Select(r => SendAsync(r.Key, r.Value)));
        }

        await Task.WhenAll(inFlight);
        return results;
    }

    /// <summary>Closed loop: each worker sends its next request as soon as the last one is answered, cycling the kinds.</summary>
    public async Task<Dictionary<AckKind, Latencies>> SaturateAsync(int workers, TimeSpan duration)
    {
        var results = Enum.GetValues<AckKind>().ToDictionary(k => k, _ => new Latencies());
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; watch.Elapsed < duration; i++)
            {
                var kind = (AckKind)(i % 3);
                await SendAsync(kind, results[kind]);
            }
        })));
        return results;
    }

    private async Task SendAsync(AckKind kind, Latencies into)
    {
        var n = Interlocked.Increment(ref _sequence);
        using var request = kind switch
        {
            AckKind.Command => requests.Command("/incident", $"declare sev3 Bench incident {n}", "UBENCHUSR1", "CBENCHORIG"),
            AckKind.Event => requests.Message(channel, $"EvAck{n:D8}", $"1772445600.{n:D6}", $"bench message {n}"),
            _ => new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative)),
        };
        var started = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            ok = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            ok = false;
        }

        into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
    }
}
