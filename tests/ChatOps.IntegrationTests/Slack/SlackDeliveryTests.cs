using System.Diagnostics;
using System.Net;
using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>What reaches Slack after the acknowledgement: through the outbox, the shared retry pipeline and the Web API client.</summary>
public sealed class SlackDeliveryTests
{
    [Fact]
    public async Task A_command_is_acknowledged_at_once_while_Slack_is_slow_and_its_post_arrives_later()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.Delay(TimeSpan.FromSeconds(5));
        h.Module.Handler = async (text, context, services) =>
        {
            await EnqueuePostAsync(services, SlackHarness.Broadcast, $"{context.UserId} declared: {text}");
            return CommandResult.Private("Declared.");
        };

        var clock = Stopwatch.StartNew();
        using var response = await h.Client.SendAsync(h.Requests.Command("/slacktest", "db down"));
        var ack = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(ack < TimeSpan.FromSeconds(2), $"acknowledged after {ack}");
        await h.Slack.WaitUntilAsync(() => h.Slack.Messages(SlackHarness.Broadcast).Count == 1, TimeSpan.FromSeconds(30), "the post");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(5));
        Assert.Equal("U0TESTER01 declared: db down", h.Slack.Messages(SlackHarness.Broadcast)[0].Text);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task After_a_429_storm_every_queued_post_arrives_once_and_in_order_per_channel(StorageProvider provider)
    {
        await using var h = await SlackHarness.StartAsync(provider);
        var second = h.Slack.AddChannel("inc-2-api");
        h.Slack.RateLimit("chat.postMessage", retryAfter: TimeSpan.FromSeconds(2), during: TimeSpan.FromSeconds(6));
        var expected = Enumerable.Range(1, 6).Select(i => $"update {i}").ToList();

        foreach (var text in expected)
        {
            await h.EnqueueAsync((d, c, tx) => d.PostAsync(c, tx, "slack", SlackHarness.Broadcast, ChatMessage.Text(text)));
            await h.EnqueueAsync((d, c, tx) => d.PostAsync(c, tx, "slack", second, ChatMessage.Text(text)));
        }

        await h.Slack.WaitUntilAsync(
            () => h.Slack.Messages(SlackHarness.Broadcast).Count == 6 && h.Slack.Messages(second).Count == 6, TimeSpan.FromSeconds(45), "all twelve posts");
        await Task.Delay(1000);

        Assert.Equal(expected, h.Slack.Messages(SlackHarness.Broadcast).Select(m => m.Text));
        Assert.Equal(expected, h.Slack.Messages(second).Select(m => m.Text));
        Assert.Contains(h.Slack.CallsTo("chat.postMessage"), c => c.Status == 429);
        Assert.Equal(12, h.Slack.CallsTo("chat.postMessage").Count(c => c.Ok));
    }

    [Fact]
    public async Task An_upload_goes_through_the_three_steps_once()
    {
        await using var h = await SlackHarness.StartAsync();
        var draft = "# Postmortem INC-42\n\nRoot cause: expired certificate <!channel>\n";

        await h.EnqueueAsync((d, c, tx) => d.UploadAsync(c, tx, "slack", SlackHarness.Broadcast, new ChatFile("inc-42-postmortem.md", "INC-42 postmortem draft", draft, "Draft v1 for <!here>")));

        await h.Slack.WaitForCallAsync("files.completeUploadExternal");
        Assert.Equal(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"], h.Slack.Calls.Select(c => c.Method));
        Assert.All(h.Slack.Calls, c => Assert.True(c.Ok, $"{c.Method}: {c.Status} {c.Error}"));
        var file = Assert.Single(h.Slack.Files);
        Assert.Equal((draft, "INC-42 postmortem draft", SlackHarness.Broadcast, true), (file.Text, file.Title, file.Channel, file.Completed));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(draft), file.DeclaredLength);
        Assert.Equal("Draft v1 for &lt;!here&gt;", file.Comment);
        Assert.Null(h.Slack.Calls[1].Headers.GetValueOrDefault("Authorization"));
        Assert.Equal([file.Id], Assert.Single(h.Slack.Messages(SlackHarness.Broadcast)).FileIds);
    }

    [Fact]
    public async Task A_title_with_a_mention_injection_reaches_Slack_escaped()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Module.Handler = async (text, _, services) =>
        {
            var message = new ChatMessage($"Incident declared: {text}", [new Section(Rich.Of(new Bold("Incident declared: "), new Plain(text)))]);
            await EnqueuePostAsync(services, SlackHarness.Broadcast, message);
            return CommandResult.Private(Rich.Of(new Plain("Declared "), new Plain(text)));
        };

        using var response = await h.Client.SendAsync(h.Requests.Command("/slacktest", "<!channel> <@U0ADMIN01> db & cache down"));

        var ack = await response.Content.ReadAsStringAsync();
        Assert.Contains("&lt;!channel&gt; &lt;@U0ADMIN01&gt; db &amp; cache down", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", ack, StringComparison.Ordinal);
        var post = await h.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Equal("Incident declared: &lt;!channel&gt; &lt;@U0ADMIN01&gt; db &amp; cache down", post["text"]);
        Assert.Equal("*Incident declared: *&lt;!channel&gt; &lt;@U0ADMIN01&gt; db &amp; cache down", post.Body["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("<!channel>", post.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<@U0ADMIN01>", post.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(post["link_names"]);
        Assert.Null(post["parse"]);
    }

    [Fact]
    public async Task The_platform_runs_a_channels_life_against_Slack()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.NameTaken("inc-42-payments-api-502s");
        h.Slack.MarkUserMissing("U0GONE0001");
        h.Slack.AddUser("U0IC000001", "ic", "America/New_York").AddUserGroup("S0ONCALL01", "U0IC000001", "U0OPS00001");
        var slack = (IChatPlatform)h.App.Get<ChatPlatforms>().Get("slack");

        var channel = await slack.CreateChannelAsync("INC-42: Payments API 502s", "SEV1 since 09:14 UTC", default);
        var members = await slack.GetGroupMembersAsync("S0ONCALL01", default);
        await slack.InviteAsync(channel.Id, [.. members, "U0IC000001"], default);
        var missing = await Assert.ThrowsAsync<ChatPlatformException>(() => slack.InviteAsync(channel.Id, ["U0GONE0001", "U0IC000001"], default));
        await slack.SetTopicAsync(channel.Id, "SEV1 · " + new string('x', 300), default);
        var ts = await slack.PostAsync(channel.Id, ChatMessage.Text("summary"), default);
        await slack.PinAsync(channel.Id, ts, default);
        await slack.PinAsync(channel.Id, ts, default);
        await slack.UpdateAsync(channel.Id, ts, ChatMessage.Text("summary v2"), default);
        await slack.SendDirectAsync("U0IC000001", ChatMessage.Text("You are IC for INC-42"), default);
        var user = await slack.GetUserAsync("U0IC000001", default);

        var state = h.Slack.Channel(channel.Id)!;
        Assert.Equal("inc-42-payments-api-502s-2", channel.Name);
        Assert.Equal("SEV1 since 09:14 UTC", state.Purpose);
        Assert.Equal(250, state.Topic.Length);
        Assert.Equal(["U0IC000001", "U0OPS00001", FakeSlack.BotUserId], state.Members);
        Assert.Equal("Slack refused conversations.invite in " + channel.Id + " for U0GONE0001: no such user (user_not_found)", missing.Message);
        Assert.Equal([ts], state.Pins);
        Assert.Equal(("summary v2", 1), (h.Slack.Messages(channel.Id)[0].Text, h.Slack.Messages(channel.Id)[0].Edits));
        Assert.Equal("You are IC for INC-42", Assert.Single(h.Slack.DirectMessages("U0IC000001")).Text);
        Assert.Equal(new ChatUser("U0IC000001", "ic", "America/New_York"), user);
        Assert.All(h.Slack.Calls.Where(c => c.Method.Contains('.', StringComparison.Ordinal)), c => Assert.Equal($"Bearer {FakeSlack.BotToken}", c.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_retried_and_a_server_error_storm_is_ridden_out()
    {
        await using var h = await SlackHarness.StartAsync();
        var archived = h.Slack.AddChannel("old-incident");
        h.Slack.Archive(archived);
        h.Slack.ServerErrors("chat.postMessage", calls: 3);

        await h.EnqueueAsync((d, c, tx) => d.PostAsync(c, tx, "slack", archived, ChatMessage.Text("late news")));
        await h.EnqueueAsync((d, c, tx) => d.PostAsync(c, tx, "slack", SlackHarness.Broadcast, ChatMessage.Text("after the storm")));

        await h.Slack.WaitUntilAsync(() => h.Slack.Messages(SlackHarness.Broadcast).Count == 1, TimeSpan.FromSeconds(30), "the post after the storm");
        await Task.Delay(1500);
        var archivedCalls = h.Slack.CallsTo("chat.postMessage").Where(c => c["channel"] == archived && c.Status == 200).ToList();
        Assert.Equal("is_archived", Assert.Single(archivedCalls).Error);
        Assert.Equal(3, h.Slack.CallsTo("chat.postMessage").Count(c => c.Status == 503));
    }

    private static Task EnqueuePostAsync(IServiceProvider services, string channel, string text) =>
        EnqueuePostAsync(services, channel, ChatMessage.Text(text));

    private static async Task EnqueuePostAsync(IServiceProvider services, string channel, ChatMessage message)
    {
        var delivery = services.GetRequiredService<ChatDelivery>();
        await services.GetRequiredService<Database>().InTransactionAsync(
            (c, tx) => delivery.PostAsync(c, tx, "slack", channel, message), CancellationToken.None);
        delivery.Wake();
    }
}
