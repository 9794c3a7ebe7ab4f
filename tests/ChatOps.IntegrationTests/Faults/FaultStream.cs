using System.Collections.Concurrent;
using System.Net;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// A stream of numbered Slack message events into one incident channel, sent the way Slack does:
/// an event counts as delivered only when it was answered 2xx; anything else is redelivered
/// later with X-Slack-Retry-Num. Afterwards the timeline is compared with what was acknowledged.
/// </summary>
public sealed class FaultStream(string channel, int count)
{
    private readonly ConcurrentDictionary<int, bool> _acked = new();
    private readonly ConcurrentDictionary<int, HttpStatusCode?> _refused = new();

    public int Count => count;

    public int Acknowledged => _acked.Count;

    public IReadOnlyCollection<int> AcknowledgedNumbers => [.. _acked.Keys];

    /// <summary>Answers that were neither 2xx nor a dropped connection (null = no answer at all).</summary>
    public IReadOnlyCollection<HttpStatusCode?> Refusals => [.. _refused.Values];

    public static string EventId(int n) => $"EvFault{n:D5}";

    public static string Ts(int n) => $"1772445600.{n + 100:D6}";

    public HttpRequestMessage Request(SlackRequests requests, int n, int? retryNum = null) =>
        requests.Event(SlackEvents.Message(channel, $"fault stream message {n}", ts: Ts(n)), EventId(n), retryNum);

    /// <summary>Sends events <paramref name="from"/>..count-1 from <paramref name="senders"/> parallel senders; <paramref name="client"/> is re-read per request.</summary>
    public Task SendAllAsync(Func<HttpClient> client, SlackRequests requests, int senders, int from = 0, Func<int, Task>? afterEach = null)
    {
        var next = from - 1;
        return Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await SendAsync(client(), requests, n, retryNum: null);
                if (afterEach is not null)
                {
                    await afterEach(n);
                }
            }
        })));
    }

    /// <summary>Slack's redelivery: every event not yet acknowledged, plus <paramref name="alsoAcked"/> already acknowledged ones.</summary>
    public async Task RedeliverAsync(HttpClient client, SlackRequests requests, IEnumerable<int>? alsoAcked = null)
    {
        var pending = Enumerable.Range(0, count).Where(n => !_acked.ContainsKey(n)).Concat(alsoAcked ?? []).ToList();
        foreach (var n in pending)
        {
            var status = await SendAsync(client, requests, n, retryNum: 1);
            Assert.True(status is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous, $"redelivery of event {n} was answered {status}");
        }
    }

    /// <summary>(source message id, entries) for every Message entry of the channel in the timeline.</summary>
    public async Task<Dictionary<string, int>> TimelineAsync(StorageOptions storage)
    {
        await using var database = new Database(storage);
        await using var connection = await database.OpenAsync(default);
        var rows = await connection.QueryAsync<(string Id, long Entries)>(
            "SELECT source_message_id, count(*) FROM timeline_entries WHERE kind = 'Message' AND source_channel = @channel GROUP BY source_message_id",
            new { channel });
        return rows.ToDictionary(r => r.Id, r => (int)r.Entries);
    }

    /// <summary>Every acknowledged event is in the timeline, every sent event at most once, and (after redelivery) all of them.</summary>
    public async Task AssertExactlyOnceAsync(StorageOptions storage)
    {
        var timeline = await TimelineAsync(storage);
        var lost = _acked.Keys.Where(n => !timeline.ContainsKey(Ts(n))).Order().ToList();
        Assert.True(lost.Count == 0, $"acknowledged but lost: {string.Join(", ", lost)}");
        var duplicated = timeline.Where(t => t.Value > 1).Select(t => t.Key).ToList();
        Assert.True(duplicated.Count == 0, $"duplicated: {string.Join(", ", duplicated)}");
        Assert.Equal(count, timeline.Count);
    }

    private async Task<HttpStatusCode?> SendAsync(HttpClient client, SlackRequests requests, int n, int? retryNum)
    {
        try
        {
            using var response = await client.SendAsync(Request(requests, n, retryNum));
            if (response.IsSuccessStatusCode)
            {
                _acked[n] = true;
            }
            else
            {
                _refused[n] = response.StatusCode;
            }

            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Connection refused or reset: Slack saw no answer and will redeliver.
            _refused[n] = null;
            return null;
        }
    }
}
