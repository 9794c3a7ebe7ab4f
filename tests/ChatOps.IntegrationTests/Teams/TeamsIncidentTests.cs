using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.IntegrationTests.Fakes.Teams;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Teams.TeamsHarness;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>/incident from Teams end to end: signed activities in, the real lifecycle and timeline, Graph and the Connector out.</summary>
public sealed class TeamsIncidentTests
{
    [Fact]
    public async Task Declare_creates_the_channel_through_Graph_and_announces_through_the_Connector()
    {
        await using var teams = await StartAsync(StorageProvider.Sqlite);

        var reply = await teams.RunCommandAsync(Alice, Ops, "incident declare sev1 Checkout API: 5xx errors on /pay & /refund");

        Assert.Contains("INC-1 declared (SEV1)", reply.CardText, StringComparison.Ordinal);
        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(Broadcast).Count == 1, what: "the announcement");
        var channel = Assert.Single(teams.Teams.Channels);
        Assert.Equal("inc-1-checkout-api-5xx-errors-on-pay-refund", channel.DisplayName);
        var token = Assert.Single(teams.Teams.CallsTo("createChannel")).Headers["Authorization"];
        Assert.Equal($"Bearer {FakeTeams.GraphToken}", token);
        var summary = Assert.Single(teams.Teams.PostsIn(channel.Id));
        Assert.Equal("thread", summary.Kind);
        Assert.Contains("Checkout API: 5xx errors on /pay & /refund", summary.CardText, StringComparison.Ordinal);
        Assert.Equal(FakeTeams.TenantId, summary.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        var announcement = Assert.Single(teams.Teams.PostsIn(Broadcast));
        Assert.Contains("INC-1", announcement.CardText, StringComparison.Ordinal);
        Assert.All(teams.Teams.Calls.Where(c => c.Kind is "thread" or "reply"), c => Assert.Equal($"Bearer {FakeTeams.ConnectorToken}", c.Headers["Authorization"]));
        var incident = await teams.App.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative));
        Assert.Equal(channel.Id, incident.GetProperty("incident").GetProperty("channelId").GetString());
        Assert.Equal("teams", incident.GetProperty("incident").GetProperty("platform").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task The_lifecycle_runs_from_Teams_with_the_same_grammar_buttons_forms_and_channel_messages_on_the_timeline(StorageProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var channel = await DeclareAsync(teams, "incident declare sev2 Kafka consumer lag");
        var summary = Assert.Single(teams.Teams.PostsIn(channel));

        var form = await teams.ClickAsync(Alice, channel, summary, "Post update");
        Assert.Contains(Find(form.Card, "Input.Text"), i => i["id"]!.GetValue<string>() == "field:text");
        var posted = await teams.SubmitFormAsync(Alice, channel, form, new Dictionary<string, string> { ["text"] = "Consumers restarted, lag falling" });
        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(Broadcast).Count(p => p.CardText.Contains("Consumers restarted", StringComparison.Ordinal)) == 1, what: "the status update in the broadcast channel");

        var mention = teams.Activities.Message(Alice.Id, Alice.Name, channel, $"incident role comms <at>{Bob.Name}</at>", mentions: [Bob]);
        var role = await teams.SendAndWaitReplyAsync(mention);
        var sev = await teams.RunCommandAsync(Bob, channel, "/incident sev 1");
        var usage = await teams.RunCommandAsync(Bob, channel, "incident sev eleven");

        var first = teams.Activities.Message(Bob.Id, Bob.Name, channel, "Lag is 40k messages on orders-eu", mentionBot: false);
        var second = teams.Activities.Message(Alice.Id, Alice.Name, channel, "Broker 3 disk is full", mentionBot: false);
        foreach (var activity in new[] { first, second, first })
        {
            using var ok = await teams.SendAsync(activity);
            Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        }

        using (await teams.SendAsync(teams.Activities.Edited(Bob.Id, Bob.Name, channel, first["id"]!.GetValue<string>(), "Lag is 45k messages on orders-eu"))) { }
        using (await teams.SendAsync(teams.Activities.Deleted(Alice.Id, Alice.Name, channel, second["id"]!.GetValue<string>()))) { }
        var mitigated = await teams.RunCommandAsync(Alice, channel, "incident mitigated Consumers caught up");
        var resolved = await teams.RunCommandAsync(Alice, Ops, "incident resolve #1");

        Assert.Contains("status", posted.CardText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Bob Example", role.CardText, StringComparison.Ordinal);
        Assert.Contains("INC-1 is now SEV1", sev.CardText, StringComparison.Ordinal);
        Assert.Contains("Usage: /incident sev", usage.CardText, StringComparison.Ordinal);
        Assert.Contains("INC-1 mitigated", mitigated.CardText, StringComparison.Ordinal);
        Assert.Contains("INC-1 resolved", resolved.CardText, StringComparison.Ordinal);
        var incident = await teams.App.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative));
        Assert.Contains(incident.GetProperty("roles").EnumerateArray(), r => r.GetProperty("userId").GetString() == Bob.Id);
        var timeline = (await teams.App.Client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/incidents/1/timeline", UriKind.Relative)))!;
        var messages = timeline.Where(e => e.GetProperty("kind").GetString() == "Message").ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("Lag is 40k messages on orders-eu", messages[0].GetProperty("text").GetString());
        Assert.Equal("Lag is 45k messages on orders-eu", messages[0].GetProperty("revisions")[0].GetProperty("text").GetString());
        Assert.True(messages[1].GetProperty("deleted").GetBoolean());
        Assert.Contains(teams.Teams.CallsTo("update"), u => u.Ok && u.ConversationId == $"{channel};messageid={summary.ActivityId}" && u.ActivityId == summary.ActivityId);
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Status" && e.GetProperty("text").GetString() == "Consumers restarted, lag falling");
    }

    internal static async Task<string> DeclareAsync(TeamsHarness teams, string line)
    {
        await teams.RunCommandAsync(Alice, Ops, line);
        await teams.Teams.WaitUntilAsync(() => teams.Teams.Channels.Count == 1 && teams.Teams.PostsIn(teams.Teams.Channels[0].Id).Count == 1, what: "the incident channel and its summary");
        return teams.Teams.Channels[0].Id;
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonObject> Find(System.Text.Json.Nodes.JsonNode? node, string type) => node switch
    {
        System.Text.Json.Nodes.JsonObject o when o["type"]?.GetValue<string>() == type => [o],
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Find(p.Value, type)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(i => Find(i, type)),
        _ => [],
    };

    [Fact]
    public async Task Direct_messages_open_a_personal_chat_once_and_reuse_it()
    {
        await using var teams = await StartAsync(StorageProvider.Sqlite);
        var platform = teams.App.Get<ChatOps.Chat.ChatPlatforms>().Get("teams");

        await platform.SendDirectAsync(Bob.Id, ChatOps.Chat.Messages.ChatMessage.Text("INC-1 needs a status update"), default);
        await platform.SendDirectAsync(Bob.Id, ChatOps.Chat.Messages.ChatMessage.Text("INC-1 is overdue"), default);

        var personal = Assert.Single(teams.Teams.CallsTo("personal"));
        Assert.Equal(FakeTeams.BotId, personal.Body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal(2, teams.DirectsTo(Bob.Id).Count);
        Assert.Contains("overdue", teams.DirectsTo(Bob.Id)[1].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mentioned_person_never_seen_on_an_activity_is_named_from_the_roster()
    {
        await using var teams = await StartAsync(StorageProvider.Sqlite);
        teams.Teams.Members["29:1carol-aad-0003"] = "Carol Example";
        var platform = teams.App.Get<ChatOps.Chat.ChatPlatforms>().Get("teams");
        var message = new ChatOps.Chat.Messages.ChatMessage("approval needed", [new ChatOps.Chat.Messages.Section(ChatOps.Chat.Messages.Rich.Of(
            new ChatOps.Chat.Messages.Plain("Approver: "), new ChatOps.Chat.Messages.Mention("29:1carol-aad-0003"),
            new ChatOps.Chat.Messages.Plain(", backup: "), new ChatOps.Chat.Messages.Mention("29:1nobody-0004")))]);

        await platform.PostAsync(Broadcast, message, default);
        await platform.PostAsync(Broadcast, message, default);

        var post = teams.Teams.PostsIn(Broadcast)[1];
        Assert.Contains("Approver: <at>Carol Example</at>, backup: <at>someone</at>", post.Card!["body"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("29:1carol-aad-0003", post.Card!["msteams"]!["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>());
        Assert.Single(teams.Teams.CallsTo("member"), c => c.ActivityId == "29:1carol-aad-0003");
        Assert.Equal("Carol Example", (await platform.GetUserAsync("29:1carol-aad-0003", default))?.DisplayName);
    }
}
