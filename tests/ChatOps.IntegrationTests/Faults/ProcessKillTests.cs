using System.Net;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>kill -9 in the middle of a stream of channel events, then a restart on the same database.</summary>
public sealed class ProcessKillTests
{
    [Fact]
    public async Task Killed_mid_ingestion_and_restarted_loses_no_acknowledged_event_and_duplicates_none()
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres, "kill");
        var settings = SlackIncidentTests.Settings(slack);
        foreach (var (key, value) in storage.Settings())
        {
            settings[key] = value;
        }

        var requests = SlackIncidentTests.Requests();
        FaultStream stream;
        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitReadyAsync();
            using var client = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var channel = await FaultSlack.DeclareAsync(client, slack, 1, "Payments queue backing up");

            // Four senders keep requests in flight; the process is killed when 150 were acknowledged.
            stream = new FaultStream(channel, 400);
            var killed = 0;
            await stream.SendAllAsync(() => client, requests, senders: 4, afterEach: _ =>
            {
                if (stream.Acknowledged >= 150 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    first.Kill();
                }

                return Task.CompletedTask;
            });
            Assert.Equal(1, killed);
        }

        Assert.InRange(stream.Acknowledged, 150, 399);
        Assert.Contains(null, stream.Refusals);

        await using var second = AppProcess.Start(settings);
        await second.WaitReadyAsync();
        using var again = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        // Slack redelivers what got no 2xx; a fifth of the acknowledged ones come again too.
        await stream.RedeliverAsync(again, requests, alsoAcked: stream.AcknowledgedNumbers.Where(n => n % 5 == 0));

        await stream.AssertExactlyOnceAsync(storage);
    }

    [Fact]
    public async Task Slack_work_claimed_by_a_killed_process_on_postgres_is_delivered_by_the_next_one_after_the_lease()
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        slack.ServerErrors("conversations.create", during: TimeSpan.FromMinutes(5));
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres, "killout");
        var settings = SlackIncidentTests.Settings(slack);
        foreach (var (key, value) in storage.Settings())
        {
            settings[key] = value;
        }

        // A short lease so the test does not sit out the production 30 s.
        settings["Outbox:Lease"] = "00:00:03";
        var requests = SlackIncidentTests.Requests();
        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitReadyAsync();
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            using var ack = await client.SendAsync(requests.Command("/incident", "declare sev1 Ledger writes failing", channelId: FaultSlack.Origin));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            await slack.WaitForCallAsync("conversations.create");
            first.Kill();
        }

        slack.ResetScript();
        await using var second = AppProcess.Start(settings);
        await second.WaitReadyAsync();

        await slack.WaitUntilAsync(() => slack.Messages(FaultSlack.Broadcast).Count == 1, TimeSpan.FromSeconds(60), "the announcement after restart");
        Assert.Single(slack.Channels, c => c.Name == "inc-1-ledger-writes-failing");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(slack.Messages(FaultSlack.Broadcast));
    }
}
