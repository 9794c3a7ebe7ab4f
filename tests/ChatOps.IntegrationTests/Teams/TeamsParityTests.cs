using System.Net;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Teams.TeamsHarness;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// Features built platform-neutral reach Teams users the same way they reach Slack users:
/// the same command lines in, cards out through the Connector.
/// </summary>
public sealed class TeamsParityTests
{
    [Fact]
    public async Task Closing_from_Teams_posts_the_postmortem_draft_in_the_channel_and_its_summary_in_the_broadcast_channel()
    {
        await using var teams = await StartAsync(StorageProvider.Sqlite);
        var channel = await TeamsIncidentTests.DeclareAsync(teams, "incident declare sev2 Ledger writes failing");

        await teams.RunCommandAsync(Alice, channel, "incident status Failing over to the replica");
        await teams.RunCommandAsync(Alice, channel, "incident resolve");
        var closed = await teams.RunCommandAsync(Alice, channel, "incident close");

        Assert.Contains("INC-1 closed", closed.CardText, StringComparison.Ordinal);
        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(channel).Any(p => p.CardText.Contains("## Timeline", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the draft card in the incident channel");
        var draft = Assert.Single(teams.Teams.PostsIn(channel), p => p.CardText.Contains("## Timeline", StringComparison.Ordinal));
        Assert.Contains("Failing over to the replica", draft.CardText, StringComparison.Ordinal);
        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(Broadcast).Any(p => p.CardText.Contains("postmortem", StringComparison.OrdinalIgnoreCase)),
            what: "the postmortem summary in the broadcast channel");

        using var markdown = await teams.App.Client.GetAsync(new Uri("/api/incidents/1/postmortem.md", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Contains("Ledger writes failing", await markdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
