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
}
