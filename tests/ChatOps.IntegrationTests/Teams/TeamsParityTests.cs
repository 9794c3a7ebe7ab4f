using System.Net;
using System.Net.Http.Json;
using ChatOps.IntegrationTests.Diagnostics;
using ChatOps.IntegrationTests.Fakes.Kubernetes;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Tests.Diagnostics;
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

    [Fact]
    public async Task A_SEV1_declared_from_Teams_gets_its_reminder_in_the_channel_and_an_overdue_notice_in_the_broadcast_channel()
    {
        await using var teams = await StartAsync(StorageProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Incidents:StatusCadence:Sev1"] = "00:00:04",
            ["Incidents:Escalation:Sev1:0"] = Bob.Id,
        });
        var channel = await TeamsIncidentTests.DeclareAsync(teams, "incident declare sev1 Payments failing");

        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(channel).Any(p => p.CardText.Contains("status update due", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the reminder in the incident channel");
        await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(Broadcast).Any(p => p.CardText.Contains("update overdue", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the overdue notice in the broadcast channel");
        await teams.Teams.WaitUntilAsync(() => teams.DirectsTo(Bob.Id).Count > 0, TimeSpan.FromSeconds(30), "the escalation DM");

        var reminder = Assert.Single(teams.Teams.PostsIn(channel), p => p.CardText.Contains("status update due", StringComparison.Ordinal));
        Assert.Contains(Actions(reminder), a => a["title"]?.GetValue<string>() == "Post update");
        Assert.Contains(Actions(reminder), a => a["title"]?.GetValue<string>() == "Snooze 10m");
        Assert.Contains(Alice.Id, reminder.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diag_triage_from_Teams_answers_with_the_verdict_reads_only_and_appears_on_the_audit_page()
    {
        var dir = Directory.CreateTempSubdirectory("teams-diag-").FullName;
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        await using var teams = await StartAsync(StorageProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Kubernetes:Clusters:0:Name"] = "prod",
            ["Kubernetes:Clusters:0:KubeconfigPath"] = kube.WriteKubeconfig(dir),
            ["Diagnostics:AllowedUsers:0"] = Alice.Id,
        }, clock: new ScenarioClock(ClusterScenario.Now));

        var refused = await teams.RunCommandAsync(Bob, Ops, "diag triage");
        Assert.Empty(kube.Requests);
        await teams.RunCommandAsync(Alice, Ops, "diag triage");

        await teams.Teams.WaitUntilAsync(() => teams.ConnectorPosts.Any(p => p.CardText.Contains("Triage: DEGRADED CONTROL PLANE (prod)", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the triage verdict on Teams");
        Assert.DoesNotContain("DEGRADED", refused.CardText, StringComparison.Ordinal);
        Assert.NotEmpty(kube.Requests);
        Assert.All(kube.Requests, r => Assert.Equal("GET", r.Method));

        using var audit = await teams.App.Client.GetAsync(new Uri("/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var page = await audit.Content.ReadAsStringAsync();
        Assert.Contains(Alice.Id, page, StringComparison.Ordinal);
        Assert.Contains(Bob.Id, page, StringComparison.Ordinal);
        Assert.Contains("DEGRADED CONTROL PLANE", page, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_channel_message_carrying_a_NUL_character_lands_on_the_PostgreSQL_timeline_without_it()
    {
        await using var teams = await StartAsync(StorageProvider.Postgres);
        var channel = await TeamsIncidentTests.DeclareAsync(teams, "incident declare sev3 Broker disk full");

        using var ok = await teams.SendAsync(teams.Activities.Message(Bob.Id, Bob.Name, channel, "Broker\u0000 3 disk is full", mentionBot: false));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var timeline = (await teams.App.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>(new Uri("/api/incidents/1/timeline", UriKind.Relative)))!;
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Message" && e.GetProperty("text").GetString() == "Broker 3 disk is full");
    }
}
