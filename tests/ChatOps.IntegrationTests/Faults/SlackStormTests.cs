using System.Net;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>The Slack Web API answers nothing but 429 and 5xx for a full minute while posts keep being queued.</summary>
public sealed class SlackStormTests
{
    private static readonly TimeSpan Storm = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_60_s_storm_of_429_and_5xx_the_outbox_delivers_every_post_exactly_once_in_channel_order()
    {
        await using var slack = await FakeSlack.StartAsync();
        string[] channels = [slack.AddChannel("incidents", FaultSlack.Broadcast), slack.AddChannel("inc-7-db"), slack.AddChannel("inc-8-dns")];
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "storm-signing-secret",
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack:BroadcastChannel"] = FaultSlack.Broadcast,
            // The production ceiling is 5 minutes; a short one keeps the test's drain short.
            ["Outbox:MaxBackoff"] = "00:00:04",
        };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Postgres, "storm"), settings);
        // Every rule below lasts at least until stormEnds, so any call that arrives before it is refused.
        var stormEnds = DateTimeOffset.UtcNow + Storm;
        slack.RateLimit(null, retryAfter: TimeSpan.FromSeconds(1), during: Storm, calls: 20);
        slack.ServerErrors(null, during: Storm, status: HttpStatusCode.BadGateway, calls: 20);
        slack.ServerErrors(null, during: Storm, status: HttpStatusCode.ServiceUnavailable);

        // Posts are queued at the start and in the middle of the storm, interleaved across channels.
        var expected = channels.ToDictionary(c => c, _ => new List<string>());
        async Task QueueAsync(int round)
        {
            for (var i = 0; i < 8; i++)
            {
                var channel = channels[i % channels.Length];
                var text = $"round {round} post {i} to {channel}";
                expected[channel].Add(text);
                await EnqueueAsync(app, channel, text);
            }
        }

        await QueueAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(25));
        await QueueAsync(2);

        await slack.WaitUntilAsync(() => channels.Sum(c => slack.Messages(c).Count) == 16, Storm + TimeSpan.FromSeconds(45), "all sixteen posts after the storm");
        Assert.True(DateTimeOffset.UtcNow >= stormEnds, "posts were delivered during the storm");
        Assert.Contains(slack.Calls, c => c.Status == 429);
        Assert.Contains(slack.Calls, c => c.Status == 502);
        Assert.Contains(slack.Calls, c => c.Status == 503);
        Assert.All(slack.CallsTo("chat.postMessage").Where(c => c.Ok), c => Assert.True(c.At >= stormEnds, $"delivered at {c.At:O}, during the storm"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var channel in channels)
        {
            Assert.Equal(expected[channel], slack.Messages(channel).Select(m => m.Text));
        }

        Assert.Equal(16, slack.CallsTo("chat.postMessage").Count(c => c.Ok));
    }

    private static async Task EnqueueAsync(TestApp app, string channel, string text)
    {
        var delivery = app.Get<ChatDelivery>();
        await app.Get<Database>().InTransactionAsync((c, tx) => delivery.PostAsync(c, tx, "slack", channel, ChatMessage.Text(text)), CancellationToken.None);
        delivery.Wake();
    }
}
