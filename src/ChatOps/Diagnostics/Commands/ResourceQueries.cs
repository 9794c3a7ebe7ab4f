using System.Globalization;
using System.Text.Json;
using ChatOps.Diagnostics.Audit;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Diagnostics.Triage;

namespace ChatOps.Diagnostics.Commands;

/// <summary>The focused subcommands (everything but triage): one or two list calls each, streamed into the same scans.</summary>
public sealed class ResourceQueries(TimeProvider clock)
{
    private const int Keep = 200;

    public async Task<DiagResult> NodesAsync(KubernetesClient client, CancellationToken ct)
    {
        var nodes = new NodeScan(Keep);
        await client.ListAsync("/api/v1/nodes", new ListQuery(), nodes, ct);
        var summary = $"{nodes.Ready}/{nodes.Total} nodes Ready, {nodes.NotReady.Count} NotReady, {nodes.Unknown.Count} Unknown, {nodes.Pressure.Count} under pressure, {nodes.Cordoned.Count} cordoned.";
        return Ok($"Nodes ({client.Cluster})", summary,
            [new("Unknown (kubelet silent)", nodes.Unknown.Items), new("NotReady", nodes.NotReady.Items), new("Under pressure", nodes.Pressure.Items), new("Cordoned", nodes.Cordoned.Items)],
            nodes.Down > 0 ? ["/diag triage", "kubectl describe node <name>"] : []);
    }

    public async Task<DiagResult> PodsAsync(KubernetesClient client, string? ns, NamespaceFilter filter, CancellationToken ct)
    {
        var pods = new PodScan(filter, Keep);
        await client.ListAsync(ns is null ? "/api/v1/pods" : $"/api/v1/namespaces/{ns}/pods", new ListQuery(), pods, ct);
        var where = ns ?? "all namespaces";
        var lines = pods.Rows.Select(r => $"{r.Namespace}/{r.Name}  {r.Status}  restarts {r.Restarts}  node {r.Node}  ({r.Detail})").ToList();
        var summary = pods.Unhealthy == 0 ? $"All {pods.Total} pods in {where} are healthy." : $"{pods.Unhealthy} of {pods.Total} pods in {where} are unhealthy.";
        var top = pods.UnhealthyByWorkload.OrderByDescending(w => w.Value).Take(2).Select(w => $"/diag workload {w.Key}").ToList();
        return Ok($"Pods in {where} ({client.Cluster})", summary, [new("Unhealthy pods", lines)], top);
    }

    public async Task<DiagResult> EventsAsync(KubernetesClient client, string? ns, NamespaceFilter filter, CancellationToken ct)
    {
        var events = new EventScan(filter, clock.GetUtcNow() - TimeSpan.FromHours(1), keep: 5);
        await client.ListAsync(ns is null ? "/api/v1/events" : $"/api/v1/namespaces/{ns}/events", new ListQuery(FieldSelector: "type=Warning"), events, ct);
        var where = ns ?? "all namespaces";
        var sections = events.ByReason.OrderByDescending(r => r.Value.Occurrences)
            .Select(r => new DiagSection($"{r.Key} ×{r.Value.Occurrences} ({r.Value.Events} events, {r.Value.Namespaces} namespaces)", r.Value.Messages.Items))
            .ToList();
        var summary = sections.Count == 0
            ? $"No Warning events in {where} in the last hour (events expire after an hour by default)."
            : $"{events.ByReason.Values.Sum(r => r.Occurrences)} Warning occurrences in {where} in the last hour, {events.ByReason.Count} reasons.";
        return Ok($"Warning events in {where} ({client.Cluster})", summary, sections, []);
    }

    public async Task<DiagResult> DnsAsync(KubernetesClient client, NamespaceFilter filter, CancellationToken ct)
    {
        if (!filter.Allows("kube-system"))
        {
            return DiagResult.Failed($"DNS ({client.Cluster})", "kube-system is not in Diagnostics:AllowedNamespaces, so CoreDNS cannot be read.");
        }

        var deployments = new DeploymentScan(filter);
        var pods = new PodScan(filter, Keep);
        var endpoints = new DnsEndpointScan();
        await client.ListAsync("/apis/apps/v1/namespaces/kube-system/deployments", new ListQuery(FieldSelector: "metadata.name=coredns"), deployments, ct);
        await client.ListAsync("/api/v1/namespaces/kube-system/pods", new ListQuery(LabelSelector: "k8s-app=kube-dns"), pods, ct);
        await client.ListAsync("/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices", new ListQuery(LabelSelector: "kubernetes.io/service-name=kube-dns"), endpoints, ct);
        var lines = new List<string>
        {
            deployments.DnsDesired is { } desired ? $"CoreDNS deployment: {deployments.DnsAvailable}/{desired} available" : "no coredns deployment in kube-system",
            $"CoreDNS pods: {pods.DnsPodsReady}/{pods.DnsPods} healthy",
            $"kube-dns endpoints: {endpoints.Ready}/{endpoints.Total} ready",
        };
        lines.AddRange(pods.DnsPodProblems.Items);
        var down = endpoints.Total > 0 && endpoints.Ready == 0 || deployments.DnsDesired is > 0 && deployments.DnsAvailable == 0;
        var degraded = endpoints.Ready < endpoints.Total || pods.DnsPodProblems.Count > 0 || deployments.DnsAvailable < (deployments.DnsDesired ?? 0);
        var summary = down ? "DNS is down: no CoreDNS endpoint is ready." : degraded ? "DNS is degraded: some CoreDNS replicas are not ready." : "DNS looks healthy.";
        return Ok($"DNS ({client.Cluster})", summary, [new("CoreDNS", lines)], down || degraded ? ["kubectl -n kube-system logs deploy/coredns --previous"] : []);
    }

    public async Task<DiagResult> ControlPlaneAsync(KubernetesClient client, CancellationToken ct)
    {
        var ready = await client.GetHealthAsync("/readyz?verbose", ct);
        var live = await client.GetHealthAsync("/livez?verbose", ct);
        using var version = await client.GetJsonAsync("/version", ct);
        var leases = new LeaseScan(clock.GetUtcNow());
        var missing = new List<string>();
        try
        {
            await client.ListAsync("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", new ListQuery(), leases, ct);
        }
        catch (KubernetesApiException ex) when (ex.Failure is KubernetesFailure.Forbidden or KubernetesFailure.NotFound)
        {
            missing.Add($"leases: {ex.Message}");
        }

        var readyFailed = HealthChecks.Failed(ready.Body);
        var liveFailed = HealthChecks.Failed(live.Body);
        var lines = new List<string>
        {
            $"version {version.RootElement.Str("gitVersion")}, /readyz answered in {ready.Latency.TotalMilliseconds:0} ms",
            $"/readyz: {(ready.StatusCode == 200 ? "ok" : "failing " + string.Join(", ", readyFailed))}",
            $"/livez: {(live.StatusCode == 200 ? "ok" : "failing " + string.Join(", ", liveFailed))}",
        };
        lines.AddRange(leases.Components.Values.OrderBy(l => l.Component, StringComparer.Ordinal)
            .Select(l => $"{l.Component}: {(l.Stale ? "NOT renewing" : "renewing")}, last renewed {ControlPlaneRules.Ago(clock.GetUtcNow(), l.RenewedAt)}"));
        var bad = readyFailed.Count + liveFailed.Count + leases.Components.Values.Count(l => l.Stale);
        var summary = bad == 0 ? "The control plane looks healthy." : $"{bad} control-plane problem(s) found.";
        return new DiagResult($"Control plane ({client.Cluster})", summary, [new("Checks", lines)], [], missing,
            missing.Count > 0 ? DiagnosticsOutcome.Partial : DiagnosticsOutcome.Ok);
    }

    public async Task<DiagResult> WorkloadAsync(KubernetesClient client, string ns, string name, CancellationToken ct)
    {
        JsonDocument? doc = null;
        var kind = "Deployment";
        foreach (var (k, resource) in new[] { ("Deployment", "deployments"), ("StatefulSet", "statefulsets"), ("DaemonSet", "daemonsets") })
        {
            try
            {
                doc = await client.GetJsonAsync($"/apis/apps/v1/namespaces/{ns}/{resource}/{name}", ct);
                kind = k;
                break;
            }
            catch (KubernetesApiException ex) when (ex.Failure == KubernetesFailure.NotFound)
            {
                // Try the next kind.
            }
        }

        if (doc is null)
        {
            return DiagResult.Failed($"Workload {ns}/{name} ({client.Cluster})", $"There is no Deployment, StatefulSet or DaemonSet named {name} in {ns}.", [$"/diag pods {ns}"]);
        }

        using (doc)
        {
            var w = doc.RootElement;
            var lines = WorkloadStatus(kind, w);
            var selector = string.Join(",", w.Path("spec", "selector", "matchLabels") is { ValueKind: JsonValueKind.Object } labels
                ? labels.EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}") : []);
            var pods = new PodScan(NamespaceFilter.All, Keep);
            if (selector.Length > 0)
            {
                await client.ListAsync($"/api/v1/namespaces/{ns}/pods", new ListQuery(LabelSelector: selector), pods, ct);
            }

            var events = new EventScan(NamespaceFilter.All, clock.GetUtcNow() - TimeSpan.FromHours(1), keep: 5, subjectPrefix: name);
            await client.ListAsync($"/api/v1/namespaces/{ns}/events", new ListQuery(FieldSelector: "type=Warning"), events, ct);
            var podLines = pods.Rows.Select(r => $"{r.Name}  {r.Status}  restarts {r.Restarts}  ({r.Detail})").ToList();
            var eventLines = events.ByReason.OrderByDescending(r => r.Value.Occurrences).Select(r => $"{r.Key} ×{r.Value.Occurrences}: {r.Value.Messages.Items.FirstOrDefault()}").ToList();
            var summary = $"{kind} {ns}/{name}: {lines[0]}; {pods.Unhealthy} of {pods.Total} pods unhealthy.";
            return Ok($"Workload {ns}/{name} ({client.Cluster})", summary,
                [new("Status", lines), new("Unhealthy pods", podLines), new("Warning events (last hour)", eventLines)], []);
        }
    }

    public async Task<DiagResult> HpaAsync(KubernetesClient client, string? ns, NamespaceFilter filter, CancellationToken ct)
    {
        var hpas = new HpaScan(filter);
        await client.ListAsync(ns is null ? "/apis/autoscaling/v2/horizontalpodautoscalers" : $"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers", new ListQuery(), hpas, ct);
        var lines = hpas.Rows.OrderByDescending(h => h.Maxed).ThenBy(h => h.BlindReason is null).ThenBy(h => h.Namespace + "/" + h.Name, StringComparer.Ordinal)
            .Select(h => $"{h.Namespace}/{h.Name} → {h.Target}: {h.Current} replicas (min {h.Min}, max {h.Max}){(h.Maxed ? " AT MAXIMUM" : string.Empty)}{(h.BlindReason is null ? string.Empty : $" BLIND ({h.BlindReason})")}")
            .ToList();
        var where = ns ?? "all namespaces";
        var summary = $"{hpas.Rows.Count} autoscaler(s) in {where}: {hpas.Rows.Count(h => h.Maxed)} at maximum, {hpas.Rows.Count(h => h.BlindReason is not null)} without metrics.";
        return Ok($"Autoscalers in {where} ({client.Cluster})", summary, [new("HPAs", lines)], []);
    }

    public async Task<DiagResult> QuotaAsync(KubernetesClient client, string? ns, NamespaceFilter filter, CancellationToken ct)
    {
        var quotas = new QuotaScan(filter);
        await client.ListAsync(ns is null ? "/api/v1/resourcequotas" : $"/api/v1/namespaces/{ns}/resourcequotas", new ListQuery(), quotas, ct);
        var lines = quotas.Rows.OrderByDescending(q => q.Ratio)
            .Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Namespace}/{q.Name} {q.Resource}: {q.Used} of {q.Hard} ({q.Ratio * 100:0}%){(q.Ratio >= 1 ? " AT LIMIT" : string.Empty)}"))
            .ToList();
        var where = ns ?? "all namespaces";
        var full = quotas.Full.Count();
        var summary = quotas.Rows.Count == 0 ? $"No resource quotas in {where}." : $"{full} quota limit(s) reached in {where}.";
        return Ok($"Quotas in {where} ({client.Cluster})", summary, [new("Usage", lines)], []);
    }

    private static List<string> WorkloadStatus(string kind, JsonElement w)
    {
        var desired = w.Path("spec", "replicas") is null ? 1 : w.Long("spec", "replicas");
        var lines = kind == "DaemonSet"
            ? [$"{w.Long("status", "numberAvailable")}/{w.Long("status", "desiredNumberScheduled")} available, {w.Long("status", "numberUnavailable")} unavailable"]
            : new List<string> { $"{w.Long("status", "availableReplicas")}/{desired} available, {w.Long("status", "readyReplicas")} ready, {w.Long("status", "updatedReplicas")} updated" };
        lines.AddRange(w.Array("status", "conditions").Select(c => $"{c.Str("type")}={c.Str("status")} {c.Str("reason")}: {c.Str("message")}"));
        lines.AddRange(w.Array("spec", "template", "spec", "containers").Select(c => $"container {c.Str("name")}: image {c.Str("image")}"));
        return lines;
    }

    private static DiagResult Ok(string title, string summary, IReadOnlyList<DiagSection> sections, IReadOnlyList<string> next) =>
        new(title, summary, sections, next, [], DiagnosticsOutcome.Ok);
}
