using ChatOps.Chat.Messages;
using ChatOps.Diagnostics.Audit;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Tests.Diagnostics;
using ChatOps.Timeline;
using Dapper;

namespace ChatOps.IntegrationTests.Diagnostics;

/// <summary>/diag through the real app: acknowledged at once, run from the outbox against the fake cluster, answered, audited.</summary>
public sealed class DiagCommandTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Triage_on_the_test_cluster_gives_the_expected_verdict_and_patterns_and_is_audited(StorageProvider provider)
    {
        await using var diag = await DiagHarness.StartAsync(provider);

        var ack = await diag.RunAsync("/diag triage");

        Assert.Contains("Running /diag triage --cluster prod", ChatHarness.TextOf(ack), StringComparison.Ordinal);
        var answer = await diag.ReplyAsync();
        var text = DiagHarness.Text(answer);
        Assert.Equal("Triage: DEGRADED CONTROL PLANE (prod)", ((Header)answer.Message!.Blocks[0]).Text);
        Assert.StartsWith("kube-controller-manager stopped renewing its lease", ((Section)answer.Message.Blocks[1]).Text.ToPlainText(), StringComparison.Ordinal);
        foreach (var title in new[] { "Control-plane component down", "Node failures", "DNS degraded", "CNI IP exhaustion", "HPA runaway", "Quota exhausted", "Workload failures" })
        {
            Assert.Contains(title, text, StringComparison.Ordinal);
        }

        Assert.Contains("/diag controlplane", text, StringComparison.Ordinal);
        var run = Assert.Single(await diag.AuditAsync());
        Assert.Equal(("U-ALICE", "prod", DiagnosticsOutcome.Ok, "DEGRADED CONTROL PLANE"), (run.UserId, run.Cluster, run.Outcome, run.Verdict));
        Assert.Equal("control-plane-down,node-failures,dns-degraded,cni-ip-exhaustion,hpa-runaway,hpa-blind,quota-exhausted,workload-failures", run.Patterns);
        Assert.Equal("/diag triage --cluster prod", run.Command);
        Assert.True(run.Requests >= 11, $"{run.Requests} requests");
        Assert.NotNull(run.FinishedAt);
        Assert.All(diag.Kube.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task In_an_incident_channel_the_answer_is_shared_the_full_output_attached_and_the_timeline_records_it(StorageProvider provider)
    {
        await using var diag = await DiagHarness.StartAsync(provider, settings: new Dictionary<string, string?> { ["Diagnostics:MaxItems"] = "2" });
        await diag.RunAsync("/incident declare sev2 Checkout failing", "U-ALICE", "C-OPS");
        string? channel = null;
        await Eventually.TrueAsync(async () => (channel = (await diag.Chat.App.Get<ChatOps.Incidents.IncidentStore>().ListAsync(1, default))[0].ChannelId) is not null, "the incident channel");

        await diag.RunAsync("/diag triage", "U-ALICE", channel!);

        var answer = await diag.ReplyAsync();
        Assert.Equal(channel, answer.Target);
        Assert.Contains("full list in the attached file", DiagHarness.Text(answer), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => diag.Platform.CallsOf("Upload").Count == 1, "the full output attached");
        var entry = Assert.Single(await diag.Chat.App.Get<TimelineStore>().ListAsync(1, default), e => e.Kind == TimelineKind.Diagnostics);
        Assert.True(entry.IsKey);
        Assert.StartsWith("/diag triage --cluster prod: kube-controller-manager stopped renewing", entry.Text, StringComparison.Ordinal);
        Assert.Contains("\"command\":\"triage\",\"cluster\":\"prod\"", entry.Data, StringComparison.Ordinal);
        Assert.Contains("\"verdict\":\"DEGRADED CONTROL PLANE\"", entry.Data, StringComparison.Ordinal);
        Assert.Contains("\"patterns\":[\"control-plane-down\",", entry.Data, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"ok\"", entry.Data, StringComparison.Ordinal);
        Assert.Equal(1L, Assert.Single(await diag.AuditAsync()).IncidentNumber);
    }

    [Fact]
    public async Task An_unlisted_user_is_refused_and_the_cluster_is_never_contacted()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite);

        var refusal = await diag.RunAsync("/diag triage", "U-MALLORY");

        Assert.Contains("not allowed to run /diag", ChatHarness.TextOf(refusal), StringComparison.Ordinal);
        Assert.Empty(diag.Kube.Requests);
        await using var connection = await diag.Chat.App.Get<Database>().OpenAsync(default);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'diag.run'"));
        var run = Assert.Single(await diag.AuditAsync());
        Assert.Equal(("U-MALLORY", DiagnosticsOutcome.Refused), (run.UserId, run.Outcome));
    }

    [Fact]
    public async Task User_group_members_may_run_it_and_non_members_are_refused_before_any_cluster_call()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, settings: new Dictionary<string, string?> { ["Diagnostics:AllowedUsers:1"] = "SOPS0001" });
        diag.Platform.Groups["SOPS0001"] = ["U-BOB"];

        await diag.RunAsync("/diag triage", "U-EVE");
        var refused = await diag.ReplyAsync();
        Assert.Contains("not allowed to run /diag", DiagHarness.Text(refused), StringComparison.Ordinal);
        Assert.Empty(diag.Kube.Requests);

        await diag.RunAsync("/diag nodes", "U-BOB");
        var nodes = await diag.ReplyAsync(2);
        Assert.Contains("4/6 nodes Ready", DiagHarness.Text(nodes), StringComparison.Ordinal);
        var audit = await diag.AuditAsync();
        Assert.Equal(DiagnosticsOutcome.Refused, audit.Single(r => r.UserId == "U-EVE").Outcome);
        Assert.Equal(DiagnosticsOutcome.Ok, audit.Single(r => r.UserId == "U-BOB").Outcome);
    }

    [Fact]
    public async Task Namespaces_outside_the_allow_list_are_refused_and_lists_are_filtered()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, settings: new Dictionary<string, string?> { ["Diagnostics:AllowedNamespaces:0"] = "sh*" });

        var refusal = await diag.RunAsync("/diag events kube-system");
        Assert.Contains("may not read the namespace kube-system", ChatHarness.TextOf(refusal), StringComparison.Ordinal);
        Assert.Empty(diag.Kube.Requests);

        await diag.RunAsync("/diag pods");
        var text = DiagHarness.Text(await diag.ReplyAsync());
        Assert.Contains("shop/checkout-7f9c6b5d48-x2k8p", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kube-system/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("batch/", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_user_is_rate_limited()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, settings: new Dictionary<string, string?> { ["Diagnostics:RunsPerUser"] = "2" });

        await diag.RunAsync("/diag nodes");
        await diag.RunAsync("/diag hpa shop");
        var third = await diag.RunAsync("/diag quota");

        Assert.Contains("You have run /diag 2 times", ChatHarness.TextOf(third), StringComparison.Ordinal);
        await diag.ReplyAsync(2);
        Assert.Equal(2, (await diag.AuditAsync()).Count);
    }

    [Fact]
    public async Task A_403_answer_names_the_missing_permission()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, script: kube =>
            kube.Respond("/api/v1/namespaces/shop/pods", 403, ClusterScenario.Read("status-403-forbidden-namespaced.json")));

        await diag.RunAsync("/diag pods shop");

        var text = DiagHarness.Text(await diag.ReplyAsync());
        Assert.Contains("missing permission to get pods/log in namespace shop", text, StringComparison.Ordinal);
        Assert.Equal(DiagnosticsOutcome.Failed, Assert.Single(await diag.AuditAsync()).Outcome);
    }

    [Fact]
    public async Task A_partial_triage_says_what_could_not_be_checked()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, script: kube =>
            kube.Respond("/api/v1/events", 504, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Timeout: request did not complete within the allotted timeout","reason":"Timeout","code":504}"""));

        await diag.RunAsync("/diag triage");

        var text = DiagHarness.Text(await diag.ReplyAsync());
        Assert.Contains("not checked: events: the API server timed out (504)", text, StringComparison.Ordinal);
        Assert.Contains("DEGRADED CONTROL PLANE", text, StringComparison.Ordinal);
        Assert.Equal(DiagnosticsOutcome.Partial, Assert.Single(await diag.AuditAsync()).Outcome);
    }

    [Fact]
    public async Task A_hung_API_server_is_answered_clearly_within_the_request_timeout()
    {
        await using var diag = await DiagHarness.StartAsync(StorageProvider.Sqlite, settings: new Dictionary<string, string?> { ["Kubernetes:RequestTimeout"] = "00:00:01" },
            script: kube => kube.Hang("/", TimeSpan.FromSeconds(20)));

        await diag.RunAsync("/diag triage");

        // One request timeout plus delivery; well below the 55 s triage deadline.
        var answer = await diag.ReplyAsync();
        var text = DiagHarness.Text(answer);
        Assert.Equal("Triage: CLUSTER-WIDE OUTAGE (prod)", ((Header)answer.Message!.Blocks[0]).Text);
        Assert.Contains("API server unreachable", text, StringComparison.Ordinal);
        Assert.Contains("no answer from the API server", text, StringComparison.Ordinal);
        Assert.Single(diag.Kube.Requests);
    }
}
