using System.Collections.Concurrent;
using System.Net;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Storage;
using Dapper;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>10,000 generated bad requests against the three Slack webhooks: never a 5xx, never a side effect.</summary>
public sealed class HostilePayloadTests
{
    // Change to explore; a failure names the case, and the same seed reproduces it.
    private const int Seed = 20261206;
    private const int Cases = 10_000;

    private static readonly string[] Tables = ["incidents", "timeline_entries", "action_items", "outbox", "posted_messages", "maintenance_windows"];

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Ten_thousand_oversized_malformed_and_hostile_requests_get_no_5xx_and_change_nothing(StorageProvider provider)
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        var storage = await TestStores.CreateAsync(provider, "hostile");
        await using var app = await TestApp.StartAsync(storage, SlackIncidentTests.Settings(slack));
        var generator = new HostilePayloads(Seed, "e2e-signing-secret");
        var statuses = new ConcurrentDictionary<int, HttpStatusCode>();
        var next = -1;
        var gate = new object();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                int n;
                HttpRequestMessage request;
                lock (gate)
                {
                    // Generated in case order whatever the interleaving, so case n is the same every run.
                    if ((n = ++next) >= Cases)
                    {
                        return;
                    }

                    request = generator.Next();
                }

                using (request)
                {
                    statuses[n] = await SendAsync(app.Client, request);
                }
            }
        })));

        Assert.Equal(Cases, statuses.Count);
        var failures = statuses.Where(s => (int)s.Value >= 500).OrderBy(s => s.Key).Select(s => $"case {s.Key}: {(int)s.Value}").ToList();
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} answers were 5xx: {string.Join(", ", failures.Take(20))}");
        var histogram = statuses.Values.GroupBy(s => (int)s).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(histogram.GetValueOrDefault(401) > 1000, $"expected many refused signatures: {string.Join(", ", histogram)}");
        Assert.True(histogram.GetValueOrDefault(413) > 0, $"expected oversized bodies refused: {string.Join(", ", histogram)}");
        Assert.True(histogram.GetValueOrDefault(400) > 0 && histogram.GetValueOrDefault(200) > 0, string.Join(", ", histogram));

        await Task.Delay(TimeSpan.FromSeconds(1)); // anything enqueued would have been claimed by now
        await using var database = new Database(storage);
        await using var connection = await database.OpenAsync(default);
        foreach (var table in Tables)
        {
            Assert.True(await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}") == 0, $"{table} has rows");
        }

        Assert.Empty(slack.Calls);
    }

    /// <summary>The answer, or 413 when the server refused an over-limit body by closing the connection while it was still being sent.</summary>
    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var oversized = request.Content!.Headers.ContentLength > ChatOps.Platforms.Slack.Inbound.SlackRequestReader.MaxBodyBytes;
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException) when (oversized)
        {
            return HttpStatusCode.RequestEntityTooLarge;
        }
    }
}
