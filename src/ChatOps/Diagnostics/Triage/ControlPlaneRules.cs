namespace ChatOps.Diagnostics.Triage;

/// <summary>Rules 2-4: etcd, API server degradation, control-plane components that stopped renewing their leases.</summary>
internal static class ControlPlaneRules
{
    public static void Apply(TriageFacts f, List<Pattern> patterns)
    {
        var etcdChecks = f.ReadyzFailed.Where(c => c.StartsWith("etcd", StringComparison.Ordinal)).ToList();
        var etcdErrors = f.ServerErrors.Where(e => e.Contains("etcdserver", StringComparison.OrdinalIgnoreCase)).ToList();
        if (etcdChecks.Count > 0 || etcdErrors.Count > 0)
        {
            var evidence = new List<string>();
            if (etcdChecks.Count > 0)
            {
                evidence.Add($"/readyz reports failing: {string.Join(", ", etcdChecks)}");
            }

            evidence.AddRange(etcdErrors.Take(3));
            patterns.Add(new Pattern("etcd", "etcd / control-plane trouble", PatternScope.ClusterWide,
                "etcd is failing: reads and writes across the whole cluster are affected.", evidence,
                ["/diag controlplane", "check etcd member health, leader and database size (etcdctl endpoint status --cluster)"]));
        }

        var other = f.ReadyzFailed.Where(c => !c.StartsWith("etcd", StringComparison.Ordinal)).ToList();
        if (other.Count > 0 || f.Throttled >= 2)
        {
            var evidence = new List<string>();
            if (other.Count > 0)
            {
                evidence.Add($"/readyz reports failing: {string.Join(", ", other)}");
            }

            if (f.Throttled > 0)
            {
                evidence.Add($"{f.Throttled} request(s) throttled with 429 (API priority and fairness saturated)");
            }

            patterns.Add(new Pattern("apiserver-degraded", "API server degraded", PatternScope.ControlPlane,
                "The API server is degraded: kubectl, controllers and autoscalers may be slow or stuck.", evidence,
                ["/diag controlplane", "look for clients flooding the API server (audit log, apiserver_flowcontrol_rejected_requests_total)"]));
        }

        var down = f.Leases.Components.Values.Where(l => l.Stale).OrderBy(l => l.Component, StringComparer.Ordinal).ToList();
        if (down.Count > 0)
        {
            var evidence = down.Select(l => $"{l.Component}: lease last renewed {Ago(f.Now, l.RenewedAt)} by {l.Holder ?? "nobody"}").ToList();
            if (down.Any(l => l.Component == "kube-scheduler") && f.Pods.Kind(PodState.Unschedulable).Count + f.Pods.Kind(PodState.Pending).Count > 0)
            {
                evidence.Add($"{f.Pods.Kind(PodState.Pending).Count + f.Pods.Kind(PodState.Unschedulable).Count} pod(s) waiting to start");
            }

            if (down.Any(l => l.Component == "kube-controller-manager") && f.Deployments.Stuck.Count + f.Deployments.Unavailable.Count > 0)
            {
                evidence.Add($"{f.Deployments.Stuck.Count + f.Deployments.Unavailable.Count} deployment(s) short of replicas that nothing is reconciling");
            }

            var names = string.Join(" and ", down.Select(l => l.Component));
            patterns.Add(new Pattern("control-plane-down", "Control-plane component down", PatternScope.ControlPlane,
                $"{names} stopped renewing {(down.Count == 1 ? "its lease" : "their leases")}: {(down.Any(l => l.Component == "kube-scheduler") ? "new pods are not scheduled" : "controllers (ReplicaSets, node lifecycle, endpoints) are not reconciling")}.",
                evidence,
                ["/diag controlplane", $"kubectl -n kube-system get pods -l component={down[0].Component} (or the managed control plane's health page)"]));
        }
    }

    internal static string Ago(DateTimeOffset now, DateTimeOffset? then)
    {
        if (then is null)
        {
            return "never";
        }

        var span = now - then.Value;
        return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min ago ({then.Value:HH:mm:ss} UTC)" : $"{(int)span.TotalSeconds} s ago";
    }
}
