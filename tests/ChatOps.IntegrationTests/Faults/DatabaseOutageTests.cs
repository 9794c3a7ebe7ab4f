using System.Net;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>PostgreSQL goes away in the middle of a stream of events and comes back; nobody restarts ChatOps.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Events_are_refused_while_postgres_is_down_nothing_acknowledged_is_lost_and_the_service_recovers_by_itself()
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres, "outage");
        await using var app = await TestApp.StartAsync(storage, SlackIncidentTests.Settings(slack));
        var requests = SlackIncidentTests.Requests();
        var channel = await FaultSlack.DeclareAsync(app.Client, slack, 1, "Search latency");
        var stream = new FaultStream(channel, 300);
        var down = new TaskCompletionSource();
        var up = new TaskCompletionSource();
        var refusedWhileDown = 0;
        var cutting = 0;

        // Two senders stream events; at 100 acknowledged the database is cut off, and restored
        // once 30 events have been refused, while the senders keep going.
        var sending = stream.SendAllAsync(() => app.Client, requests, senders: 2, afterEach: async _ =>
        {
            if (stream.Acknowledged >= 100 && Interlocked.Exchange(ref cutting, 1) == 0)
            {
                await TestPostgres.CutOffAsync(storage.ConnectionString);
                down.SetResult();
            }

            if (down.Task.IsCompleted && !up.Task.IsCompleted && Interlocked.Increment(ref refusedWhileDown) == 30)
            {
                await up.Task;
            }
        });

        await down.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => stream.Refusals.Count(s => s == HttpStatusCode.ServiceUnavailable) >= 20, "events are refused with 503", TimeSpan.FromSeconds(60));
        using (var ready = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database unreachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A slash command while the database is down is answered with a retry message and does nothing.
        using (var command = await app.Client.SendAsync(requests.Command("/incident", "declare sev1 During the outage", channelId: FaultSlack.Origin)))
        {
            Assert.Equal(HttpStatusCode.OK, command.StatusCode);
            Assert.Contains("try again", await command.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A button click while the database is down: refused as unavailable, not a server error.
        using (var click = await app.Client.SendAsync(requests.Interaction(SlackRequests.ButtonClick("incident list", new Uri(slack.BaseAddress, "response/outage")))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, click.StatusCode);
        }

        await TestPostgres.RestoreAsync(storage.ConnectionString);
        up.SetResult();
        await sending;

        await Eventually.TrueAsync(async () =>
        {
            using var ready = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            return ready.StatusCode == HttpStatusCode.OK;
        }, "/readyz is 200 again", TimeSpan.FromSeconds(30));
        await stream.RedeliverAsync(app.Client, requests, alsoAcked: stream.AcknowledgedNumbers.Where(n => n % 5 == 0));
        await stream.AssertExactlyOnceAsync(storage);
        Assert.DoesNotContain(stream.Refusals, s => s is not HttpStatusCode.ServiceUnavailable);

        // The outbox resumed too: an incident declared now is created and announced.
        await FaultSlack.DeclareAsync(app.Client, slack, 2, "After the outage");
        Assert.DoesNotContain(slack.Channels, c => c.Name.Contains("during-the-outage", StringComparison.Ordinal));
    }
}
