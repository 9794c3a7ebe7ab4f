using System.Net;
using System.Text;
using System.Text.Json;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>POST /slack/commands on the real app: signed, dispatched, answered in the HTTP response.</summary>
public sealed class SlackCommandTests
{
    [Fact]
    public async Task A_signed_command_is_answered_with_the_rendered_reply()
    {
        await using var h = await SlackHarness.StartAsync();
        var responseUrl = h.Slack.NewResponseUrl();
        h.Module.Handler = (text, _, _) => Task.FromResult(CommandResult.Public(ChatMessage.Text(Rich.Of(new Bold("Declared"), new Plain($" {text} & more")))));

        using var response = await h.Client.SendAsync(h.Requests.Command("/slacktest", "declare db down", responseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("in_channel", body.RootElement.GetProperty("response_type").GetString());
        Assert.Equal("Declared declare db down &amp; more", body.RootElement.GetProperty("text").GetString());
        Assert.Equal("*Declared* declare db down &amp; more", body.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        var (text, context) = Assert.Single(h.Module.Calls);
        Assert.Equal("declare db down", text);
        Assert.Equal(("slack", "U0TESTER01", "C0TESTCHAN", "tester"), (context.Platform, context.UserId, context.ChannelId, context.UserName));
        Assert.Equal(responseUrl.ToString(), context.ReplyTo.Handle);
        Assert.True(context.ReplyTo.Ephemeral);
        Assert.NotNull(context.ReplyTo.IssuedAt);
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", context.Trigger);
        Assert.Empty(h.Slack.Calls);
    }

    [Fact]
    public async Task Usage_errors_and_unknown_commands_are_ephemeral_answers_not_errors()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Module.Handler = (_, _, _) => Task.FromResult(CommandResult.Usage("Which incident?", "/slacktest status #<n> <text>"));

        using var usage = await h.Client.SendAsync(h.Requests.Command("/slacktest", "status"));
        using var unknown = await h.Client.SendAsync(h.Requests.Command("/nonsense", "x"));

        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("\"response_type\":\"ephemeral\"", await usage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("I don't know the command /nonsense.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Forgeries => new() { "wrong secret", "stale", "future", "missing headers", "tampered", "v1" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_requests_are_refused_with_401_and_touch_nothing(string forgery)
    {
        await using var h = await SlackHarness.StartAsync();
        var request = forgery switch
        {
            "wrong secret" => new SlackRequests("not-the-secret").Command("/slacktest", "declare x"),
            "stale" => h.Requests.Command("/slacktest", "declare x", timestamp: h.Requests.Now - 301),
            "future" => h.Requests.Command("/slacktest", "declare x", timestamp: h.Requests.Now + 301),
            "missing headers" => Without(h.Requests.Command("/slacktest", "declare x"), "X-Slack-Signature", "X-Slack-Request-Timestamp"),
            "tampered" => Tampered(h.Requests.Command("/slacktest", "declare x")),
            _ => h.Requests.Signed("/slack/commands", "command=%2Fslacktest&text=x&user_id=U1", "application/x-www-form-urlencoded", signature: "v1=" + new string('a', 64)),
        };

        using var response = await h.Client.SendAsync(request);
        using var events = await h.Client.SendAsync(Without(h.Requests.Event(SlackEvents.Message("C1", "hi"), "Ev1"), "X-Slack-Signature"));
        using var clicks = await h.Client.SendAsync(Without(h.Requests.Interaction(SlackRequests.ButtonClick("/slacktest x", h.Slack.NewResponseUrl())), "X-Slack-Request-Timestamp"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, clicks.StatusCode);
        await Task.Delay(500);
        Assert.Empty(h.Module.Calls);
        Assert.Empty(h.Sink.Events);
        Assert.Empty(h.Slack.Calls);
    }

    [Fact]
    public async Task A_refusal_is_logged_with_its_reason_but_never_the_signature_secret_or_body()
    {
        await using var h = await SlackHarness.StartAsync();
        var forged = h.Requests.Command("/slacktest", "declare secret-project-zebra", timestamp: h.Requests.Now - 3600);
        var signature = forged.Headers.GetValues("X-Slack-Signature").Single();

        using var response = await h.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Refused a Slack request to /slack/commands", h.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("Stale", h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(signature[3..], h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackHarness.Secret, h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("zebra", h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_names_are_matched_whatever_their_case()
    {
        await using var h = await SlackHarness.StartAsync();
        var request = h.Requests.Command("/slacktest", "hello");
        var timestamp = request.Headers.GetValues("X-Slack-Request-Timestamp").Single();
        var signature = request.Headers.GetValues("X-Slack-Signature").Single();
        request.Headers.Remove("X-Slack-Request-Timestamp");
        request.Headers.Remove("X-Slack-Signature");
        request.Headers.TryAddWithoutValidation("x-slack-request-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("X-SLACK-SIGNATURE", signature);

        using var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(h.Module.Calls);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413()
    {
        await using var h = await SlackHarness.StartAsync();
        var body = "command=%2Fslacktest&user_id=U1&text=" + new string('x', 1024 * 1024);

        using var declared = await h.Client.SendAsync(h.Requests.Signed("/slack/commands", body, "application/x-www-form-urlencoded"));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/events", UriKind.Relative))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        chunked.Headers.TransferEncodingChunked = true;
        using var streamed = await h.Client.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Empty(h.Module.Calls);
    }

    [Fact]
    public async Task An_ssl_check_is_answered_and_nothing_else_happens()
    {
        await using var h = await SlackHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/commands", UriKind.Relative))
        {
            Content = new StringContent("ssl_check=1&token=x&command=%2Fslacktest&text=declare&user_id=U1", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        using var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Empty(h.Module.Calls);
    }

    [Fact]
    public async Task A_form_result_opens_a_modal_with_the_trigger_and_answers_empty()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Module.Handler = (_, _, _) => Task.FromResult<CommandResult>(new ShowForm(new ChatForm("declare", "Declare an incident", "Declare", "/slacktest declare {title}", [new TextInput("title", "Title")])));

        using var response = await h.Client.SendAsync(h.Requests.Command("/slacktest", string.Empty, triggerId: "trigger-42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var view = Assert.Single(h.Slack.OpenedViews);
        Assert.Equal("trigger-42", view["trigger_id"]!.GetValue<string>());
        Assert.Contains("\"channel\":\"C0TESTCHAN\"", view["private_metadata"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_that_cannot_be_opened_is_explained_to_the_user()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.Fail("views.open", "expired_trigger_id");
        h.Module.Handler = (_, _, _) => Task.FromResult<CommandResult>(new ShowForm(new ChatForm("declare", "Declare", "Declare", "/slacktest declare {title}", [new TextInput("title", "Title")])));

        using var response = await h.Client.SendAsync(h.Requests.Command("/slacktest", string.Empty));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"response_type\":\"ephemeral\"", text, StringComparison.Ordinal);
        Assert.Contains("3-second window", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_endpoints_do_not_exist_when_Slack_is_not_configured()
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite));

        using var response = await app.Client.SendAsync(new SlackRequests("x").Command("/slacktest", "x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HttpRequestMessage Without(HttpRequestMessage request, params string[] headers)
    {
        foreach (var header in headers)
        {
            request.Headers.Remove(header);
        }

        return request;
    }

    private static HttpRequestMessage Tampered(HttpRequestMessage request)
    {
        var body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Replace("declare+x", "declare+y", StringComparison.Ordinal).Replace("declare%20x", "declare%20y", StringComparison.Ordinal);
        request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        return request;
    }
}
