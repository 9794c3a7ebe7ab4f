namespace ChatOps.Diagnostics.Triage;

/// <summary>Rules 6-11: DNS, CNI IP exhaustion, scheduling capacity, HPA runaway, quotas, failing workloads.</summary>
internal static class WorkloadRules
{
    public static void Apply(TriageFacts f, string cluster, List<Pattern> patterns)
    {
        Dns(f, patterns);
        CniIpExhaustion(f, patterns);
        Scheduling(f, patterns);
        Hpa(f, patterns);
        Quota(f, patterns);
        Workloads(f, patterns);
        _ = cluster;
    }

    private static void Dns(TriageFacts f, List<Pattern> patterns)
    {
        var d = f.Deployments;
        var e = f.DnsEndpoints;
        var p = f.Pods;
        var known = d.DnsDesired is not null || e.Total > 0 || p.DnsPods > 0;
        if (!known)
        {
            return;
        }

        var evidence = new List<string>();
        if (d.DnsDesired is { } desired)
        {
            evidence.Add($"CoreDNS deployment: {d.DnsAvailable}/{desired} available");
        }

        if (e.Total > 0)
        {
            evidence.Add($"kube-dns endpoints: {e.Ready}/{e.Total} ready");
        }

        if (p.DnsPodProblems.Count > 0)
        {
            evidence.Add($"CoreDNS pods: {p.DnsPodProblems.Describe()}");
        }

        var down = (d.DnsDesired is > 0 && d.DnsAvailable == 0) || (e.Total > 0 && e.Ready == 0) || (p.DnsPods > 0 && p.DnsPodsReady == 0);
        var degraded = (d.DnsDesired is { } want && d.DnsAvailable < want) || e.Ready < e.Total || p.DnsPodProblems.Count > 0;
        var next = new List<string> { "/diag dns", "kubectl -n kube-system logs deploy/coredns --previous" };
        if (down)
        {
            var probes = f.Events.ByReason.Where(r => r.Key is "Unhealthy" or "BackOff").Sum(r => r.Value.Namespaces);
            if (probes > 0)
            {
                evidence.Add($"probe failures and back-offs across {probes} namespace(s): likely downstream of DNS");
            }

            var upstream = f.Nodes.CniNotReady.Count > 0 || f.DaemonSets.CniUnavailable.Count > 0;
            patterns.Add(new Pattern("dns-cascade", "DNS cascade", PatternScope.ClusterWide,
                upstream
                    ? "DNS is down, and the CNI is failing too: fix the network first, DNS and app failures follow from it."
                    : "DNS outage: CoreDNS has no ready endpoint, so app failures across namespaces are likely downstream of it.",
                evidence, next));
        }
        else if (degraded)
        {
            patterns.Add(new Pattern("dns-degraded", "DNS degraded", PatternScope.Component,
                "CoreDNS is degraded but still answering: fewer replicas carry all lookups.", evidence, next));
        }
    }

    private static void CniIpExhaustion(TriageFacts f, List<Pattern> patterns)
    {
        var byNode = f.Events.IpExhaustionByNode;
        var total = byNode.Values.Sum();
        if (total < 5)
        {
            return;
        }

        var nodes = byNode.OrderByDescending(n => n.Value).ToList();
        var evidence = new List<string>
        {
            $"FailedCreatePodSandBox (no IP address) ×{total} on {string.Join(", ", nodes.Take(3).Select(n => $"{n.Key} (×{n.Value})"))}{(nodes.Count > 3 ? $" and {nodes.Count - 3} more node(s)" : string.Empty)}",
        };
        if (f.Pods.Kind(PodState.Sandbox).Count > 0)
        {
            evidence.Add($"{f.Pods.Kind(PodState.Sandbox).Count} pod(s) stuck ContainerCreating without a network");
        }

        evidence.AddRange(f.DaemonSets.CniUnavailable.Items.Select(d => $"CNI DaemonSet {d}"));
        var cni = f.DaemonSets.CniFound.Count > 0 ? f.DaemonSets.CniFound[0] : "<cni daemonset>";
        patterns.Add(nodes.Count == 1
            ? new Pattern("cni-ip-exhaustion", "CNI IP exhaustion", PatternScope.Component,
                $"Node {nodes[0].Key} has run out of pod IP addresses: new pods there cannot start; existing pods are fine.",
                evidence, [$"kubectl -n kube-system logs ds/{cni} (on that node)", "check the node's IP pool / ENIs, or cordon it"])
            : new Pattern("cni-ip-exhaustion", "CNI IP exhaustion", PatternScope.ClusterWide,
                $"{nodes.Count} nodes cannot assign pod IP addresses: the subnet / VPC is likely exhausted, so no new pod can start.",
                evidence, ["check free IPs in the cluster's subnets", $"kubectl -n kube-system logs ds/{cni}"]));
    }

    private static void Scheduling(TriageFacts f, List<Pattern> patterns)
    {
        var unschedulable = f.Pods.Kind(PodState.Unschedulable).Count;
        var storm = f.Events.Occurrences("FailedScheduling");
        if (unschedulable < 5 && storm < 20)
        {
            return;
        }

        var reasons = f.Pods.SchedulingReasons.OrderByDescending(r => r.Value).ToList();
        var insufficient = reasons.Where(r => r.Key.StartsWith("Insufficient", StringComparison.Ordinal) || r.Key.StartsWith("Too many pods", StringComparison.Ordinal)).Sum(r => r.Value);
        var capacity = insufficient * 2 >= reasons.Sum(r => r.Value) && insufficient > 0;
        var evidence = new List<string> { $"{unschedulable} pod(s) unschedulable; FailedScheduling ×{storm} in 15 min" };
        if (reasons.Count > 0)
        {
            evidence.Add("scheduler says: " + string.Join(", ", reasons.Take(4).Select(r => $"{r.Key} ({r.Value} pods)")));
        }

        if (f.Nodes.Down > 0 || f.Nodes.Cordoned.Count > 0)
        {
            evidence.Add($"capacity also vanished: {f.Nodes.Down} node(s) down, {f.Nodes.Cordoned.Count} cordoned");
        }

        patterns.Add(new Pattern("scheduler-capacity", capacity ? "Scheduler capacity exhaustion" : "FailedScheduling storm", PatternScope.Component,
            capacity
                ? "The cluster is out of schedulable capacity: pending pods ask for more CPU/memory than Ready nodes have free."
                : "Many pods cannot be scheduled (taints, affinity or volumes rather than raw capacity).",
            evidence, ["/diag pods", "/diag events", "check the cluster autoscaler (NotTriggerScaleUp / FailedScaleUp events)"]));
    }

    private static void Hpa(TriageFacts f, List<Pattern> patterns)
    {
        foreach (var h in f.Hpas.Rows.Where(h => h.Maxed))
        {
            var evidence = new List<string> { $"HPA {h.Namespace}/{h.Name} at its maximum {h.Current}/{h.Max}{(h.TooManyReplicas ? " (ScalingLimited: TooManyReplicas)" : string.Empty)}" };
            if (f.Pods.CrashLoopingWorkloads.Contains(h.Target))
            {
                evidence.Add($"its target {h.Target} is crash-looping: scaling a broken service");
            }

            var quota = f.Quotas.Full.Where(q => q.Namespace == h.Namespace).ToList();
            if (quota.Count > 0)
            {
                evidence.Add($"quota full in {h.Namespace}: {string.Join(", ", quota.Select(q => $"{q.Name} {q.Resource} {q.Used}/{q.Hard}"))}");
            }

            if (f.Events.QuotaRejections > 0)
            {
                evidence.Add($"FailedCreate exceeded quota ×{f.Events.QuotaRejections}");
            }

            if (evidence.Count > 1)
            {
                patterns.Add(new Pattern("hpa-runaway", "HPA runaway", PatternScope.Component,
                    $"HPA {h.Namespace}/{h.Name} is pinned at its maximum scaling a service that is failing: more replicas will not help.",
                    evidence, [$"/diag workload {h.Target}", $"/diag hpa {h.Namespace}"]));
            }
        }

        var blind = f.Hpas.Rows.Where(h => h.BlindReason is not null).ToList();
        if (blind.Count > 0)
        {
            patterns.Add(new Pattern("hpa-blind", "HPA blind", PatternScope.Component,
                $"{blind.Count} HPA(s) cannot read metrics and are frozen at their current size.",
                [string.Join(", ", blind.Take(5).Select(h => $"{h.Namespace}/{h.Name} ({h.BlindReason})"))],
                ["kubectl get apiservice v1beta1.metrics.k8s.io", "kubectl -n kube-system get deploy metrics-server"]));
        }
    }

    private static void Quota(TriageFacts f, List<Pattern> patterns)
    {
        var full = f.Quotas.Full.ToList();
        if (full.Count == 0)
        {
            return;
        }

        var evidence = full.Take(5).Select(q => $"{q.Namespace}/{q.Name}: {q.Resource} {q.Used}/{q.Hard}").ToList();
        evidence.AddRange(f.Events.QuotaExamples.Items.Take(2));
        patterns.Add(new Pattern("quota-exhausted", "Quota exhausted", PatternScope.Component,
            $"{full.Count} quota limit(s) reached in {string.Join(", ", full.Select(q => q.Namespace).Distinct(StringComparer.Ordinal))}: new pods there are rejected.",
            evidence, [.. full.Select(q => $"/diag quota {q.Namespace}").Distinct(StringComparer.Ordinal).Take(2)]));
    }

    private static void Workloads(TriageFacts f, List<Pattern> patterns)
    {
        if (f.Pods.Unhealthy == 0 && f.Deployments.Stuck.Count == 0)
        {
            return;
        }

        var kinds = new (string Kind, string Label)[]
        {
            (PodState.CrashLoop, "crash-looping"), (PodState.Image, "image pull errors"), (PodState.Config, "config errors (missing Secret/ConfigMap)"),
            (PodState.Sandbox, "no sandbox/network"), (PodState.Unschedulable, "unschedulable"), (PodState.Evicted, "evicted"),
            (PodState.Terminating, "stuck terminating"), (PodState.Pending, "pending"), (PodState.NotReady, "running but not ready"), (PodState.Failed, "failed"),
        };
        var evidence = kinds.Where(k => f.Pods.Kind(k.Kind).Count > 0)
            .Select(k => $"{k.Label} ({f.Pods.Kind(k.Kind).Count}): {f.Pods.Kind(k.Kind).Describe()}").ToList();
        if (f.Deployments.Stuck.Count > 0)
        {
            evidence.Add($"rollouts stuck (ProgressDeadlineExceeded): {f.Deployments.Stuck.Describe()}");
        }

        var top = f.Pods.UnhealthyByWorkload.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(3).ToList();
        var namespaces = f.Pods.UnhealthyByNamespace.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal).Take(3).ToList();
        if (namespaces.Count > 0)
        {
            evidence.Insert(0, "most affected: " + string.Join(", ", namespaces.Select(n => $"{n.Key} ({n.Value} pods)")));
        }

        patterns.Add(new Pattern("workload-failures", "Workload failures", PatternScope.Component,
            $"{f.Pods.Unhealthy} pod(s) unhealthy across {f.Pods.UnhealthyByNamespace.Count} namespace(s).",
            evidence,
            [.. top.Take(2).Select(w => $"/diag workload {w.Key}"), .. namespaces.Take(1).Select(n => $"/diag pods {n.Key}")]));
    }
}
