namespace ChatOps.Diagnostics.Triage;

/// <summary>
/// The classification rules of kubernetes-api.md 5.3, in order; every match is reported and the
/// first is the headline. Pure: facts in, report out.
/// </summary>
public static class TriageRules
{
    public static TriageReport Evaluate(TriageFacts f, string cluster)
    {
        var patterns = new List<Pattern>();
        if (f.Unauthorized is { } unauthorized)
        {
            return new TriageReport(TriageVerdict.Unknown, "The API server refused the bot's credentials; this says nothing about the cluster's health.",
                [], [unauthorized], ["check the bot's service account token (is the projected token mounted and fresh?)"], f.Missing);
        }

        if (f.Unreachable is { } unreachable)
        {
            patterns.Add(new Pattern("api-unreachable", "API server unreachable", PatternScope.ClusterWide,
                "Neither /version nor /readyz answered: a cluster-wide outage or a control-plane endpoint / load balancer failure.",
                [unreachable],
                ["check the control-plane endpoint and its load balancer, and the cloud provider's status page",
                    "kubectl get --raw '/readyz?verbose' from another network (bastion) to tell a network path problem from a dead control plane"]));
            return Build(f, patterns);
        }

        ControlPlaneRules.Apply(f, patterns);
        NodeRules.Apply(f, patterns);
        WorkloadRules.Apply(f, cluster, patterns);
        return Build(f, patterns);
    }

    private static TriageReport Build(TriageFacts f, List<Pattern> patterns)
    {
        var verdict = patterns.Any(p => p.Scope == PatternScope.ClusterWide) ? TriageVerdict.ClusterWideOutage
            : patterns.Any(p => p.Scope == PatternScope.ControlPlane) ? TriageVerdict.DegradedControlPlane
            : patterns.Count > 0 ? TriageVerdict.ComponentFailures
            : f.Done.Count == 0 ? TriageVerdict.Unknown
            : TriageVerdict.Healthy;

        // Headline the most severe scope first, keeping rule order inside a scope.
        var ordered = patterns.OrderByDescending(p => p.Scope).ToList();
        var headline = ordered.Count == 0
            ? verdict == TriageVerdict.Unknown ? "Nothing could be checked." : "No known failure pattern matched."
            : ordered[0].Summary + (ordered.Count > 1 ? $" Plus {ordered.Count - 1} more pattern(s)." : string.Empty);
        if (verdict == TriageVerdict.Healthy && f.Missing.Count > 0)
        {
            headline += " Some checks could not run: unknown is not healthy.";
        }

        var summary = new List<string>();
        if (f.Version is not null)
        {
            summary.Add($"API server {f.Version}, answered in {f.ApiLatency?.TotalMilliseconds:0} ms; /readyz {(f.ReadyzStatus == 200 ? "ok" : f.ReadyzStatus is null ? "not read" : $"failing: {string.Join(", ", f.ReadyzFailed)}")}");
        }

        if (f.Done.Contains("nodes"))
        {
            summary.Add($"Nodes: {f.Nodes.Ready}/{f.Nodes.Total} Ready, {f.Nodes.NotReady.Count} NotReady, {f.Nodes.Unknown.Count} Unknown, {f.Nodes.Pressure.Count} under pressure, {f.Nodes.Cordoned.Count} cordoned");
        }

        if (f.Done.Contains("pods"))
        {
            summary.Add($"Pods: {f.Pods.Unhealthy} of {f.Pods.Total} unhealthy ({f.Pods.Kind(PodState.CrashLoop).Count} crash-looping, {f.Pods.Kind(PodState.Unschedulable).Count} unschedulable, {f.Pods.Kind(PodState.Pending).Count + f.Pods.Kind(PodState.Sandbox).Count} stuck starting)");
        }

        if (f.Done.Contains("events"))
        {
            var top = f.Events.ByReason.OrderByDescending(r => r.Value.Occurrences).Take(5).Select(r => $"{r.Key} ×{r.Value.Occurrences}");
            summary.Add($"Warning events (last 15 min): {(f.Events.ByReason.Count == 0 ? "none" : string.Join(", ", top))}");
        }

        var next = ordered.SelectMany(p => p.Next).Distinct(StringComparer.Ordinal).Take(6).ToList();
        return new TriageReport(verdict, headline, ordered, summary, next, f.Missing);
    }
}
