using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>POST /slack/interactions: buttons run their command line, forms run their template, errors go back into the form.</summary>
public sealed class SlackInteractionTests
{
    private static readonly ChatForm StatusForm = new("status", "Status update", "Post", "/slacktest status #42 {text}", [new TextInput("text", "What changed?"), new TextInput("eta", "ETA", Optional: true)]);

    [Fact]
    public async Task A_button_click_runs_its_command_as_the_clicker_and_answers_through_the_response_url()
    {
        await using var h = await SlackHarness.StartAsync();
        var responseUrl = h.Slack.NewResponseUrl();
        h.Module.Handler = (text, context, _) => Task.FromResult(CommandResult.Public(ChatMessage.Text($"{context.UserId} resolved via {text}")));

        using var response = await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.ButtonClick("/slacktest resolve #42", responseUrl)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (text, context) = Assert.Single(h.Module.Calls);
        Assert.Equal("resolve #42", text);
        Assert.Equal(("U0CLICKER1", "C0TESTCHAN", "clicker", "trigger-click-1"), (context.UserId, context.ChannelId, context.UserName, context.Trigger));
        var reply = await h.Slack.WaitForCallAsync("response_url");
        Assert.Equal(responseUrl.Segments[^1], reply["response_url_id"]);
        Assert.Equal("ephemeral", reply["response_type"]);
        Assert.Equal("U0CLICKER1 resolved via resolve #42", reply["text"]);
        Assert.Null(reply.Headers.GetValueOrDefault("Authorization"));
    }

    [Fact]
    public async Task A_click_whose_response_url_expired_is_answered_ephemerally_in_the_channel()
    {
        await using var h = await SlackHarness.StartAsync();
        var responseUrl = h.Slack.NewResponseUrl();
        h.Slack.ExpireResponseUrl(responseUrl);

        await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.ButtonClick("/slacktest timeline", responseUrl)));

        await h.Slack.WaitForCallAsync("chat.postEphemeral");
        var ephemeral = Assert.Single(h.Slack.Ephemerals);
        Assert.Equal(("C0TESTCHAN", "U0CLICKER1", "you said: timeline"), (ephemeral.Channel, ephemeral.User, ephemeral.Text));
    }

    [Fact]
    public async Task A_button_that_asks_for_a_form_opens_it_with_the_clicks_trigger()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Module.Handler = (_, _, _) => Task.FromResult<CommandResult>(new ShowForm(StatusForm));

        using var response = await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.ButtonClick("/slacktest status #42", h.Slack.NewResponseUrl())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("trigger-click-1", Assert.Single(h.Slack.OpenedViews)["trigger_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_submission_with_a_usage_error_shows_it_on_the_first_field()
    {
        await using var h = await SlackHarness.StartAsync();
        var view = await OpenStatusFormAsync(h);
        h.Module.Handler = (_, _, _) => Task.FromResult(CommandResult.Usage("Say what changed.", "/slacktest status #<n> <text>"));

        using var response = await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.Submission(view, new Dictionary<string, string> { ["text"] = "", ["eta"] = "soon" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", answer.RootElement.GetProperty("response_action").GetString());
        Assert.Equal("Say what changed. Usage: /slacktest status #<n> <text>", answer.RootElement.GetProperty("errors").GetProperty("text").GetString());
        Assert.Equal("status #42", h.Module.Calls.Last().Text);
    }

    [Fact]
    public async Task A_good_submission_closes_the_form_and_tells_the_user_in_the_channel_it_came_from()
    {
        await using var h = await SlackHarness.StartAsync();
        var view = await OpenStatusFormAsync(h);
        h.Module.Handler = (text, _, _) => Task.FromResult(CommandResult.Private($"Posted: {text}"));

        using var response = await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.Submission(view, new Dictionary<string, string> { ["text"] = "rolled back\nwatching", ["eta"] = "" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var (text, context) = h.Module.Calls.Last();
        Assert.Equal("status #42 rolled back watching", text);
        Assert.Equal(("U0TESTER01", "C0TESTCHAN"), (context.UserId, context.ChannelId));
        await h.Slack.WaitForCallAsync("chat.postEphemeral");
        Assert.Equal("Posted: status #42 rolled back watching", Assert.Single(h.Slack.Ephemerals).Text);
    }

    [Fact]
    public async Task A_form_opened_without_a_channel_answers_by_direct_message()
    {
        await using var h = await SlackHarness.StartAsync();
        var view = SlackModalRenderer.Render(StatusForm, channelId: null);
        h.Module.Handler = (text, _, _) => Task.FromResult(CommandResult.Private($"Posted: {text}"));

        using var response = await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.Submission(view, new Dictionary<string, string> { ["text"] = "ok", ["eta"] = "" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await h.Slack.WaitUntilAsync(() => h.Slack.DirectMessages("U0TESTER01").Count == 1, what: "a direct message");
        Assert.Equal("Posted: status #42 ok", h.Slack.DirectMessages("U0TESTER01")[0].Text);
    }

    [Fact]
    public async Task A_submission_that_leads_to_another_form_replaces_the_view()
    {
        await using var h = await SlackHarness.StartAsync();
        var view = await OpenStatusFormAsync(h);
        var next = new ChatForm("confirm", "Confirm", "Yes", "/slacktest confirm {why}", [new TextInput("why", "Why?")]);
        h.Module.Handler = (_, _, _) => Task.FromResult<CommandResult>(new ShowForm(next));

        using var response = await h.Client.SendAsync(h.Requests.Interaction(SlackRequests.Submission(view, new Dictionary<string, string> { ["text"] = "x" })));

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("update", answer.RootElement.GetProperty("response_action").GetString());
        Assert.Equal("Confirm", answer.RootElement.GetProperty("view").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("C0TESTCHAN", answer.RootElement.GetProperty("view").GetProperty("private_metadata").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_a_form_and_unknown_payloads_are_acknowledged()
    {
        await using var h = await SlackHarness.StartAsync();

        using var closed = await h.Client.SendAsync(h.Requests.Interaction(new JsonObject { ["type"] = "view_closed", ["view"] = new JsonObject { ["callback_id"] = "chatops-form" } }));
        using var shortcut = await h.Client.SendAsync(h.Requests.Interaction(new JsonObject { ["type"] = "shortcut", ["callback_id"] = "x" }));
        using var garbage = await h.Client.SendAsync(h.Requests.Signed("/slack/interactions", "payload=%7Bnot", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shortcut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Empty(h.Module.Calls);
    }

    /// <summary>Opens the form through a real command so the submitted view is exactly what views.open received.</summary>
    private static async Task<JsonObject> OpenStatusFormAsync(SlackHarness h)
    {
        h.Module.Handler = (_, _, _) => Task.FromResult<CommandResult>(new ShowForm(StatusForm));
        using var opened = await h.Client.SendAsync(h.Requests.Command("/slacktest", "status #42"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return Assert.Single(h.Slack.OpenedViews);
    }
}
