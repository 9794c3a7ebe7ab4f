using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Diagnostics.Triage;

namespace ChatOps.Tests.Diagnostics;

/// <summary>The triage rules over the test cluster (kubernetes-api.md 5.4) and variations of it.</summary>
public sealed class TriageTests
{
    [Fact]
    public void The_fixture_cluster_is_a_degraded_control_plane_with_component_failures()
    {
        var report = TriageRules.Evaluate(Collect(ClusterScenario.FromFixtures()), "test");

        Assert.Equal(TriageVerdict.DegradedControlPlane, report.Verdict);
        Assert.Equal(
            ["control-plane-down", "node-failures", "dns-degraded", "cni-ip-exhaustion", "hpa-runaway", "hpa-blind", "quota-exhausted", "workload-failures"],
            report.Patterns.Select(p => p.Id).ToArray());
        Assert.StartsWith("kube-controller-manager stopped renewing its lease", report.Headline, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Patterns, p => p.Scope == PatternScope.ClusterWide);
    }

    [Fact]
    public void The_fixture_evidence_names_the_nodes_the_coredns_replica_the_ip_exhausted_node_and_the_runaway_hpa()
    {
        var report = TriageRules.Evaluate(Collect(ClusterScenario.FromFixtures()), "test");
        string Evidence(string id) => string.Join("\n", report.Patterns.Single(p => p.Id == id).Evidence);

        Assert.Contains("kube-controller-manager: lease last renewed 8 min ago (10:06:41 UTC)", Evidence("control-plane-down"), StringComparison.Ordinal);
        Assert.Contains("ip-10-0-2-23.eu-west-1.compute.internal (Kubelet stopped posting node status.)", Evidence("node-failures"), StringComparison.Ordinal);
        Assert.Contains("ip-10-0-2-25.eu-west-1.compute.internal (CNI not ready)", Evidence("node-failures"), StringComparison.Ordinal);
        Assert.Contains("ip-10-0-2-22.eu-west-1.compute.internal (MemoryPressure)", Evidence("node-failures"), StringComparison.Ordinal);
        Assert.Contains("1 pod(s) stuck Terminating on down nodes", Evidence("node-failures"), StringComparison.Ordinal);
        Assert.Contains("CoreDNS deployment: 1/2 available", Evidence("dns-degraded"), StringComparison.Ordinal);
        Assert.Contains("OOMKilled", Evidence("dns-degraded"), StringComparison.Ordinal);
        Assert.Contains("×27 on ip-10-0-2-21.eu-west-1.compute.internal", Evidence("cni-ip-exhaustion"), StringComparison.Ordinal);
        Assert.Contains("aws-node (4/6 available)", Evidence("cni-ip-exhaustion"), StringComparison.Ordinal);
        Assert.Contains("HPA shop/checkout at its maximum 40/40", Evidence("hpa-runaway"), StringComparison.Ordinal);
        Assert.Contains("its target shop/checkout is crash-looping", Evidence("hpa-runaway"), StringComparison.Ordinal);
        Assert.Contains("compute-quota requests.cpu 16/16", Evidence("hpa-runaway"), StringComparison.Ordinal);
        Assert.Contains("batch/report-gen-29162040-5vxqj", Evidence("workload-failures"), StringComparison.Ordinal);
        Assert.Contains("/diag controlplane", report.Next);
        Assert.Contains("/diag dns", report.Next);
    }

    [Fact]
    public void CoreDNS_without_a_ready_endpoint_is_a_cluster_wide_DNS_cascade()
    {
        var report = TriageRules.Evaluate(Collect(ClusterScenario.FromFixtures().WithDnsDown().WithHealthyControlPlane()), "test");

        Assert.Equal(TriageVerdict.ClusterWideOutage, report.Verdict);
        var dns = Assert.Single(report.Patterns, p => p.Id == "dns-cascade");
        Assert.Equal(report.Patterns[0], dns);
        Assert.Contains("kube-dns endpoints: 0/2 ready", dns.Evidence);
    }

    [Fact]
    public void Five_nodes_lost_within_minutes_is_a_cluster_wide_node_outage()
    {
        var report = TriageRules.Evaluate(Collect(ClusterScenario.FromFixtures().WithNodesLost()), "test");

        Assert.Equal(TriageVerdict.ClusterWideOutage, report.Verdict);
        Assert.Equal("node-outage", report.Patterns[0].Id);
        Assert.Contains("5 of 6 nodes are down within minutes of each other", report.Patterns[0].Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Patterns, p => p.Id == "node-failures");
    }

    [Fact]
    public void A_few_nodes_of_a_large_cluster_failing_together_are_node_failures_not_an_outage()
    {
        var scenario = ClusterScenario.FromFixtures().WithNodesLost();
        var template = scenario.Find("nodes", "ip-10-0-1-11.eu-west-1.compute.internal");
        for (var i = 0; i < 60; i++)
        {
            var node = template.DeepClone().AsObject();
            node["metadata"]!["name"] = $"healthy-{i}";
            scenario["nodes"].Add(node);
        }

        var report = TriageRules.Evaluate(Collect(scenario), "test");

        var nodes = Assert.Single(report.Patterns, p => p.Id == "node-failures");
        Assert.Contains("5 nodes went down within minutes of each other", string.Join(" ", nodes.Evidence), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Patterns, p => p.Id == "node-outage");
    }

    [Fact]
    public void A_failing_etcd_check_in_readyz_is_a_cluster_wide_outage()
    {
        var scenario = ClusterScenario.Healthy();
        scenario.Readyz = ClusterScenario.Read("readyz-verbose-etcd-failed.txt");
        scenario.ReadyzStatus = 500;

        var report = TriageRules.Evaluate(Collect(scenario), "test");

        Assert.Equal(TriageVerdict.ClusterWideOutage, report.Verdict);
        Assert.Equal("etcd", report.Patterns[0].Id);
    }

    [Fact]
    public void A_healthy_cluster_is_healthy_and_a_missing_check_says_unknown_is_not_healthy()
    {
        var facts = Collect(ClusterScenario.Healthy());
        Assert.Equal(TriageVerdict.Healthy, TriageRules.Evaluate(facts, "test").Verdict);
        Assert.Empty(TriageRules.Evaluate(facts, "test").Patterns);

        facts.Missing.Add("events: the API server timed out (504)");
        var partial = TriageRules.Evaluate(facts, "test");
        Assert.Equal(TriageVerdict.Healthy, partial.Verdict);
        Assert.Contains("unknown is not healthy", partial.Headline, StringComparison.Ordinal);
        Assert.Contains("events: the API server timed out (504)", partial.Missing);
    }

    [Fact]
    public void An_unreachable_API_server_is_reported_as_such_and_nothing_else()
    {
        var facts = new TriageFacts(NamespaceFilter.All, ClusterScenario.Now, ClusterScenario.Now.AddMinutes(-15))
        {
            Unreachable = "cannot reach the API server at 10.0.0.1:6443: Connection refused",
        };

        var report = TriageRules.Evaluate(facts, "test");

        Assert.Equal(TriageVerdict.ClusterWideOutage, report.Verdict);
        Assert.Equal("api-unreachable", Assert.Single(report.Patterns).Id);
    }

    [Fact]
    public void Rejected_credentials_say_nothing_about_the_cluster()
    {
        var facts = new TriageFacts(NamespaceFilter.All, ClusterScenario.Now, ClusterScenario.Now.AddMinutes(-15)) { Unauthorized = "401" };

        var report = TriageRules.Evaluate(facts, "test");

        Assert.Equal(TriageVerdict.Unknown, report.Verdict);
        Assert.Contains("credentials", report.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_pods_short_of_cpu_are_scheduler_capacity_exhaustion()
    {
        var scenario = ClusterScenario.Healthy();
        var template = ClusterScenario.FromFixtures().Find("pods", "report-gen-29162040-5vxqj");
        for (var i = 0; i < 6; i++)
        {
            var pod = template.DeepClone().AsObject();
            pod["metadata"]!["name"] = $"worker-{i}";
            pod["status"]!["conditions"]![0]!["message"] = "0/6 nodes are available: 6 Insufficient cpu. preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.";
            scenario["pods"].Add(pod);
        }

        var report = TriageRules.Evaluate(Collect(scenario), "test");

        var pattern = Assert.Single(report.Patterns, p => p.Id == "scheduler-capacity");
        Assert.Equal("Scheduler capacity exhaustion", pattern.Title);
        Assert.Contains("Insufficient cpu (6 pods)", string.Join(" ", pattern.Evidence), StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_allow_list_hides_other_namespaces_from_the_verdict()
    {
        var facts = Collect(ClusterScenario.FromFixtures(), new NamespaceFilter(["batch"]));

        var report = TriageRules.Evaluate(facts, "test");

        var workloads = Assert.Single(report.Patterns, p => p.Id == "workload-failures");
        Assert.DoesNotContain("shop/", string.Join(" ", workloads.Evidence), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Patterns, p => p.Id is "hpa-runaway" or "quota-exhausted");
    }

    /// <summary>Feeds the scenario's lists into the scans the way the runner does, page by page.</summary>
    internal static TriageFacts Collect(ClusterScenario s, NamespaceFilter? filter = null)
    {
        var facts = new TriageFacts(filter ?? NamespaceFilter.All, ClusterScenario.Now, ClusterScenario.Now.AddMinutes(-15))
        {
            Version = "v1.33.1",
            ApiLatency = TimeSpan.FromMilliseconds(12),
            ReadyzStatus = s.ReadyzStatus,
            ReadyzFailed = HealthChecks.Failed(s.Readyz),
        };
        Feed(facts, "nodes", facts.Nodes, s);
        Feed(facts, "pods", facts.Pods, s);
        Feed(facts, "events", facts.Events, s);
        Feed(facts, "deployments", facts.Deployments, s);
        Feed(facts, "daemonsets", facts.DaemonSets, s);
        Feed(facts, "hpas", facts.Hpas, s);
        Feed(facts, "quotas", facts.Quotas, s);
        Feed(facts, "endpointslices", facts.DnsEndpoints, s);
        Feed(facts, "leases", facts.Leases, s);
        return facts;
    }

    private static void Feed(TriageFacts facts, string key, IListSink sink, ClusterScenario s)
    {
        foreach (var item in s.ListElement(key).GetProperty("items").EnumerateArray())
        {
            sink.Add(item);
        }

        facts.Done.Add(key);
    }
}
