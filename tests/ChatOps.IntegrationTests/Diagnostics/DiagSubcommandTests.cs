using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Diagnostics;

/// <summary>The focused subcommands on the test cluster, each answered from the outbox with what a responder needs.</summary>
public sealed class DiagSubcommandTests
{
    [Fact]
    public async Task Each_subcommand_answers_about_the_test_cluster()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, settings: new Dictionary<string, string?> { ["Diagnostics:RunsPerUser"] = "20" });
        var expectations = new (string Line, string[] Expected)[]
        {
            ("/diag dns", ["DNS is degraded", "CoreDNS deployment: 1/2 available", "kube-dns endpoints: 1/2 ready"]),
            ("/diag controlplane", ["version v1.33.1", "/readyz: ok", "kube-controller-manager: NOT renewing", "kube-scheduler: renewing"]),
            ("/diag workload shop/checkout", ["Deployment shop/checkout: 0/40 available", "ProgressDeadlineExceeded", "checkout-7f9c6b5d48-x2k8p  CrashLoopBackOff", "FailedCreate"]),
            ("/diag events shop", ["Warning events in shop", "BackOff", "FailedCreatePodSandBox"]),
            ("/diag quota shop", ["1 quota limit(s) reached in shop", "shop/compute-quota requests.cpu: 16 of 16 (100%) AT LIMIT"]),
            ("/diag hpa", ["shop/checkout → shop/checkout: 40 replicas (min 4, max 40) AT MAXIMUM", "BLIND (FailedGetResourceMetric)"]),
            ("/diag pods batch", ["batch/report-gen-29162040-5vxqj  Pending"]),
        };

        for (var i = 0; i < expectations.Length; i++)
        {
            await diag.RunAsync(expectations[i].Line);
            var text = DiagHarness.Text(await diag.ReplyAsync(i + 1));
            foreach (var expected in expectations[i].Expected)
            {
                Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{expectations[i].Line}: \"{expected}\" not in\n{text}");
            }
        }

        var help = ChatHarness.TextOf(await diag.RunAsync("/diag help"));
        Assert.Contains("Clusters: prod", help, StringComparison.Ordinal);
        var unknown = ChatHarness.TextOf(await diag.RunAsync("/diag nodes --cluster staging"));
        Assert.Contains("There is no cluster named \"staging\". Known: prod.", unknown, StringComparison.Ordinal);
        var bad = ChatHarness.TextOf(await diag.RunAsync("/diag delete pod x"));
        Assert.Contains("I don't know /diag delete.", bad, StringComparison.Ordinal);
        Assert.All(diag.Kube.Requests, r => Assert.Equal("GET", r.Method));
    }
}
