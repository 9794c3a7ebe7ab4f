using System.Net;
using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Messages;
using ChatOps.Tests.Infrastructure;

namespace ChatOps.Tests.Slack;

/// <summary>How SlackPlatform reads Slack's answers: errors in words, outcomes that are not errors, batching and fallbacks.</summary>
public sealed class SlackClientTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task A_refusal_says_what_and_where_in_words_and_is_permanent()
    {
        var slack = new StubSlackHttp(_ => StubSlackHttp.Json("""{"ok":false,"error":"not_in_channel"}"""));

        var error = await Assert.ThrowsAsync<ChatPlatformException>(() => slack.Platform(_clock).UpdateAsync("C123", "1.2", ChatMessage.Text("x"), default));

        Assert.Equal("Slack refused chat.update in C123: the bot is not in that channel (not_in_channel)", error.Message);
        Assert.True(error.Permanent);
    }

    [Theory]
    [InlineData("ratelimited", false)]
    [InlineData("service_unavailable", false)]
    [InlineData("internal_error", false)]
    [InlineData("fatal_error", false)]
    [InlineData("request_timeout", false)]
    [InlineData("channel_not_found", true)]
    [InlineData("missing_scope", true)]
    [InlineData("invalid_auth", true)]
    [InlineData("invalid_blocks", true)]
    [InlineData("msg_too_long", true)]
    [InlineData("is_archived", true)]
    [InlineData("some_new_error", true)]
    public async Task Errors_are_classified(string code, bool permanent)
    {
        var slack = new StubSlackHttp(_ => StubSlackHttp.Json($$"""{"ok":false,"error":"{{code}}"}"""));

        var error = await Assert.ThrowsAsync<ChatPlatformException>(() => slack.Platform(_clock).SetTopicAsync("C1", "t", default));

        Assert.Equal(permanent, error.Permanent);
        Assert.Contains($"({code})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_beyond_the_in_process_limit_surfaces_its_retry_after()
    {
        var slack = new StubSlackHttp(_ =>
        {
            var response = StubSlackHttp.Json("""{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(90));
            return response;
        });

        var error = await Assert.ThrowsAsync<ChatPlatformException>(() => slack.Platform(_clock).PostAsync("C1", ChatMessage.Text("x"), default));

        Assert.False(error.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
    }

    [Fact]
    public async Task Server_errors_are_transient_and_other_http_errors_permanent()
    {
        var broken = new StubSlackHttp(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));
        var missing = new StubSlackHttp(_ => new HttpResponseMessage(HttpStatusCode.NotFound));

        var transient = await Assert.ThrowsAsync<ChatPlatformException>(() => broken.Platform(_clock).PinAsync("C1", "1.2", default));
        var permanent = await Assert.ThrowsAsync<ChatPlatformException>(() => missing.Platform(_clock).PinAsync("C1", "1.2", default));

        Assert.False(transient.Permanent);
        Assert.True(permanent.Permanent);
        Assert.Contains("HTTP 502", transient.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Already_pinned_is_not_an_error()
    {
        var slack = new StubSlackHttp(_ => StubSlackHttp.Json("""{"ok":false,"error":"already_pinned"}"""));

        await slack.Platform(_clock).PinAsync("C1", "1.2", default);

        Assert.Equal("pins.add", Assert.Single(slack.Requests).Method);
    }

    [Fact]
    public async Task A_taken_name_gets_a_numbered_suffix()
    {
        var slack = new StubSlackHttp(r => r.Method switch
        {
            "conversations.create" when r.Body.Contains("\"inc-42-db-down\"", StringComparison.Ordinal) || r.Body.Contains("\"inc-42-db-down-2\"", StringComparison.Ordinal)
                => StubSlackHttp.Json("""{"ok":false,"error":"name_taken"}"""),
            "conversations.create" => StubSlackHttp.Json("""{"ok":true,"channel":{"id":"C0NEW","name":"inc-42-db-down-3"}}"""),
            _ => StubSlackHttp.Json("""{"ok":true}"""),
        });

        var channel = await slack.Platform(_clock).CreateChannelAsync("INC 42: DB down!", "Database down since 09:14", default);

        Assert.Equal(new ChatChannel("C0NEW", "inc-42-db-down-3"), channel);
        Assert.Equal(["conversations.create", "conversations.create", "conversations.create", "conversations.setPurpose"], slack.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Invites_go_in_batches_of_one_hundred_and_people_already_there_are_fine()
    {
        var slack = new StubSlackHttp(_ => StubSlackHttp.Json("""{"ok":false,"error":"already_in_channel","errors":[{"user":"U0000001","ok":false,"error":"already_in_channel"}]}"""));
        var users = Enumerable.Range(1, 250).Select(i => $"U{i:D7}").Append("U0000001").ToList();

        await slack.Platform(_clock).InviteAsync("C1", users, default);

        Assert.Equal([100, 100, 50], slack.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("users").GetString()!.Split(',').Length));
    }

    [Fact]
    public async Task Partial_invite_failures_name_the_users_that_could_not_be_invited()
    {
        var slack = new StubSlackHttp(_ => StubSlackHttp.Json("""
            {"ok": false, "error": "user_not_found", "errors": [{"user": "U111111", "ok": false, "error": "user_not_found"}, {"user": "U222222", "ok": false, "error": "cant_invite_self"}, {"user": "U333333", "ok": false, "error": "already_in_channel"}]}
            """));

        var error = await Assert.ThrowsAsync<ChatPlatformException>(() => slack.Platform(_clock).InviteAsync("C1", ["U111111", "U222222", "U333333", "U444444"], default));

        Assert.Equal("Slack refused conversations.invite in C1 for U111111: no such user (user_not_found)", error.Message);
    }

    [Fact]
    public async Task A_post_to_a_channel_the_bot_left_joins_and_posts_once_more()
    {
        var posts = 0;
        var slack = new StubSlackHttp(r => r.Method switch
        {
            "chat.postMessage" when posts++ == 0 => StubSlackHttp.Json("""{"ok":false,"error":"not_in_channel"}"""),
            "chat.postMessage" => StubSlackHttp.Json("""{"ok":true,"channel":"C1","ts":"1700000000.000100"}"""),
            _ => StubSlackHttp.Json("""{"ok":true}"""),
        });

        var ts = await slack.Platform(_clock).PostAsync("C1", ChatMessage.Text("hello"), default);

        Assert.Equal("1700000000.000100", ts);
        Assert.Equal(["chat.postMessage", "conversations.join", "chat.postMessage"], slack.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_reply_uses_the_response_url_without_the_token_while_it_is_fresh()
    {
        var slack = new StubSlackHttp(_ => StubSlackHttp.Json("""{"ok":true}"""));
        var target = new ReplyTarget("C1", "U1", Ephemeral: true, Handle: "https://hooks.slack.test/commands/T1/1/abc", IssuedAt: _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(29));

        await slack.Platform(_clock).ReplyAsync(target, ChatMessage.Text("done"), default);

        var request = Assert.Single(slack.Requests);
        Assert.Equal("https://hooks.slack.test/commands/T1/1/abc", request.Url.AbsoluteUri);
        Assert.Null(request.Authorization);
        Assert.Contains("\"response_type\":\"ephemeral\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_or_failing_response_url_falls_back_to_an_ephemeral_message()
    {
        var slack = new StubSlackHttp(r => r.Url.Host == "hooks.slack.test"
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : StubSlackHttp.Json("""{"ok":true,"message_ts":"1.2"}"""));
        var expired = new ReplyTarget("C1", "U1", Handle: "https://hooks.slack.test/a", IssuedAt: _clock.GetUtcNow().AddMinutes(-31));
        var failing = expired with { IssuedAt = _clock.GetUtcNow() };

        await slack.Platform(_clock).ReplyAsync(expired, ChatMessage.Text("late"), default);
        await slack.Platform(_clock).ReplyAsync(failing, ChatMessage.Text("broken"), default);

        Assert.Equal(["chat.postEphemeral", "a", "chat.postEphemeral"], slack.Requests.Select(r => r.Method));
        Assert.Equal("Bearer xoxb-unit", slack.Requests[0].Authorization);
    }

    [Fact]
    public async Task A_direct_message_opens_the_conversation_first()
    {
        var slack = new StubSlackHttp(r => r.Method == "conversations.open"
            ? StubSlackHttp.Json("""{"ok":true,"channel":{"id":"D0DM1"}}""")
            : StubSlackHttp.Json("""{"ok":true,"channel":"D0DM1","ts":"1.2"}"""));

        await slack.Platform(_clock).SendDirectAsync("U1", ChatMessage.Text("You are the IC for INC-42"), default);

        Assert.Equal(["conversations.open", "chat.postMessage"], slack.Requests.Select(r => r.Method));
        Assert.Equal("D0DM1", JsonDocument.Parse(slack.Requests[1].Body).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Users_and_groups_are_read_and_an_unknown_user_is_null()
    {
        var slack = new StubSlackHttp(r => (r.Method, r.Body) switch
        {
            ("users.info", "user=U1") => StubSlackHttp.Json("""{"ok":true,"user":{"id":"U1","name":"bobby","tz":"Europe/Berlin","profile":{"display_name":"","real_name":"Bobby Tables"}}}"""),
            ("users.info", _) => StubSlackHttp.Json("""{"ok":false,"error":"user_not_found"}"""),
            _ => StubSlackHttp.Json("""{"ok":true,"users":["U1","U2"]}"""),
        });
        var platform = slack.Platform(_clock);

        Assert.Equal(new ChatUser("U1", "Bobby Tables", "Europe/Berlin"), await platform.GetUserAsync("U1", default));
        Assert.Null(await platform.GetUserAsync("U9", default));
        Assert.Equal(["U1", "U2"], await platform.GetGroupMembersAsync("S1", default));
    }

    [Fact]
    public void Configuration_is_exposed_and_channel_links_use_app_redirect()
    {
        var platform = new StubSlackHttp(_ => StubSlackHttp.Json("{}")).Platform(_clock, broadcast: "C0BROADCAST");

        Assert.Equal("slack", platform.Name);
        Assert.Equal("C0BROADCAST", platform.BroadcastChannel);
        Assert.Equal("https://slack.test/app_redirect?channel=C07INC0042", platform.ChannelUrl("C07INC0042"));
        Assert.Null(platform.ChannelUrl("not a channel"));
    }
}
