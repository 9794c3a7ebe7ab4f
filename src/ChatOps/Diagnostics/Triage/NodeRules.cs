namespace ChatOps.Diagnostics.Triage;

/// <summary>Rule 5: nodes down together (a shared cause) versus single node failures; CNI outages across nodes.</summary>
internal static class NodeRules
{
    public static void Apply(TriageFacts f, List<Pattern> patterns)
    {
        if (!f.Done.Contains("nodes") || f.Nodes.Total == 0)
        {
            return;
        }

        var n = f.Nodes;
        var together = n.DownSince.Count >= 3 && n.DownSince.Max() - n.DownSince.Min() <= TimeSpan.FromMinutes(5);
        if (n.CniNotReady.Count >= 3 || (n.CniNotReady.Count >= 2 && n.CniNotReady.Count * 2 >= n.Total))
        {
            patterns.Add(new Pattern("cni-outage", "CNI outage", PatternScope.ClusterWide,
                $"{n.CniNotReady.Count} nodes report the network plugin not ready: new pods cannot get a network anywhere on them.",
                [$"NetworkPluginNotReady on {n.CniNotReady.Describe()}", .. f.DaemonSets.CniUnavailable.Items.Select(d => $"CNI DaemonSet {d}")],
                [$"kubectl -n kube-system get ds {(f.DaemonSets.CniFound.Count > 0 ? f.DaemonSets.CniFound[0] : "<cni daemonset>")}", "/diag events kube-system"]));
        }
        // Half the nodes, or a tenth of them going down within minutes of each other: a shared cause.
        // A handful of nodes in a large cluster dying together is still reported, as node failures.
        else if (n.Down >= 2 && (n.Down * 2 >= n.Total || (together && n.Down * 10 >= n.Total)))
        {
            var sameMessage = n.UnknownMessages.Count == 1 && n.Unknown.Count == n.Down;
            patterns.Add(new Pattern("node-outage", "Cluster-wide node outage", PatternScope.ClusterWide,
                $"{n.Down} of {n.Total} nodes are down{(together ? " within minutes of each other" : string.Empty)}: a shared cause (network partition, zone loss, control-plane to kubelet connectivity).",
                [.. Lines(n), .. sameMessage ? ["every down node says the same thing: kubelets cannot reach the API server"] : Array.Empty<string>()],
                ["/diag nodes", "check the zone / network path between nodes and the control plane, and the cloud provider's status page"]));
            return;
        }

        if (n.Down > 0 || n.Pressure.Count > 0)
        {
            var evidence = Lines(n);
            var stranded = f.Pods.TerminatingByNode.Where(t => n.DownNodes.Contains(t.Key)).Sum(t => t.Value);
            if (stranded > 0)
            {
                evidence.Add($"{stranded} pod(s) stuck Terminating on down nodes");
            }

            if (together)
            {
                evidence.Add($"{n.Down} nodes went down within minutes of each other: look for a shared cause (zone, network, a bad node image)");
            }

            if (f.Events.Occurrences("EvictionThresholdMet") > 0)
            {
                evidence.Add($"EvictionThresholdMet ×{f.Events.Occurrences("EvictionThresholdMet")}: kubelets are evicting pods to reclaim resources");
            }

            patterns.Add(new Pattern("node-failures", "Node failures", PatternScope.Component,
                $"{n.Down} of {n.Total} nodes are not Ready and {n.Pressure.Count} under pressure: node-level problems, not the whole cluster.",
                evidence,
                ["/diag nodes", $"kubectl describe node {FirstName(n)}"]));
        }
    }

    private static List<string> Lines(NodeScan n)
    {
        var lines = new List<string>();
        if (n.Unknown.Count > 0)
        {
            lines.Add($"Unknown (kubelet silent): {n.Unknown.Describe()}");
        }

        if (n.NotReady.Count > 0)
        {
            lines.Add($"NotReady: {n.NotReady.Describe()}");
        }

        if (n.Pressure.Count > 0)
        {
            lines.Add($"Pressure: {n.Pressure.Describe()}");
        }

        if (n.Cordoned.Count > 0)
        {
            lines.Add($"Cordoned: {n.Cordoned.Describe()}");
        }

        return lines;
    }

    private static string FirstName(NodeScan n)
    {
        var first = n.Unknown.Items.Concat(n.NotReady.Items).Concat(n.Pressure.Items).FirstOrDefault() ?? "<node>";
        var space = first.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? first : first[..space];
    }
}
