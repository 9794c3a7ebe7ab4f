using System.Diagnostics;
using System.Net;
using ChatOps.IntegrationTests.Fakes.Kubernetes;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Tests.Diagnostics;

namespace ChatOps.IntegrationTests.Diagnostics;

/// <summary>/diag end to end over Slack: a signed slash command, an immediate acknowledgement, the result through response_url.</summary>
public sealed class SlackDiagTests
{
    private const string Secret = "diag-signing-secret";

    [Fact]
    public async Task Slack_gets_an_instant_ack_then_the_verdict_through_response_url_or_chat_postEphemeral_once_it_expired()
    {
        var dir = Directory.CreateTempSubdirectory("slack-diag-").FullName;
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        await using var slack = await FakeSlack.StartAsync();
        slack.AddChannel("ops", "C0OPSCHAN1", members: ["U0TESTER01"]);
        var clock = new ScenarioClock(ClusterScenario.Now);
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Kubernetes:Clusters:0:Name"] = "prod",
            ["Kubernetes:Clusters:0:KubeconfigPath"] = kube.WriteKubeconfig(dir),
            ["Diagnostics:AllowedUsers:0"] = "U0TESTER01",
        };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), settings, clock);
        var requests = new SlackRequests(Secret, clock);
        var responseUrl = slack.NewResponseUrl();

        var watch = Stopwatch.StartNew();
        using var ack = await app.Client.SendAsync(requests.Command("/diag", "triage", responseUrl, channelId: "C0OPSCHAN1"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Contains("Running", await ack.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {watch.Elapsed}");
        var result = await slack.WaitForCallAsync("response_url", timeout: TimeSpan.FromSeconds(30));
        Assert.Contains("Triage: DEGRADED CONTROL PLANE (prod)", result.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", result["response_type"]);

        var expired = slack.NewResponseUrl();
        slack.ExpireResponseUrl(expired);
        await app.Client.SendAsync(requests.Command("/diag", "nodes", expired, channelId: "C0OPSCHAN1"));
        var fallback = await slack.WaitForCallAsync("chat.postEphemeral", timeout: TimeSpan.FromSeconds(30));
        Assert.Contains("4/6 nodes Ready", fallback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.All(kube.Requests, r => Assert.Equal("GET", r.Method));
        Directory.Delete(dir, recursive: true);
    }
}
