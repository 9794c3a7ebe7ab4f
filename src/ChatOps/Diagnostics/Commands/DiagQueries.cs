using ChatOps.Diagnostics.Audit;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Diagnostics.Triage;
using Microsoft.Extensions.Options;

namespace ChatOps.Diagnostics.Commands;

/// <summary>Runs one /diag subcommand against a cluster and describes what it found. Never throws for a cluster problem: it says it.</summary>
public sealed class DiagQueries(TriageRunner triage, ResourceQueries resources, IOptions<DiagnosticsOptions> options)
{
    public async Task<DiagResult> RunAsync(DiagRequest request, KubernetesClient client, NamespaceFilter filter, CancellationToken ct)
    {
        try
        {
            return request.Sub switch
            {
                "triage" => await TriageAsync(client, filter, ct),
                "nodes" => await resources.NodesAsync(client, ct),
                "pods" => await resources.PodsAsync(client, request.Namespace, filter, ct),
                "events" => await resources.EventsAsync(client, request.Namespace, filter, ct),
                "dns" => await resources.DnsAsync(client, filter, ct),
                "controlplane" => await resources.ControlPlaneAsync(client, ct),
                "workload" => await resources.WorkloadAsync(client, request.Namespace!, request.Name!, ct),
                "hpa" => await resources.HpaAsync(client, request.Namespace, filter, ct),
                "quota" => await resources.QuotaAsync(client, request.Namespace, filter, ct),
                _ => DiagResult.Failed($"/diag {request.Sub}", "Unknown subcommand."),
            };
        }
        catch (KubernetesApiException ex)
        {
            return DiagResult.Failed($"/diag {request.Sub} on {client.Cluster}", Describe(ex), Hint(ex));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DiagResult.Failed($"/diag {request.Sub} on {client.Cluster}", "The API server did not answer in time.");
        }
    }

    private async Task<DiagResult> TriageAsync(KubernetesClient client, NamespaceFilter filter, CancellationToken ct)
    {
        var facts = await triage.CollectAsync(client, filter, options.Value.TriageDeadline, ct);
        var report = TriageRules.Evaluate(facts, client.Cluster);
        var sections = new List<DiagSection>();
        if (report.Summary.Count > 0)
        {
            sections.Add(new DiagSection("Overview", report.Summary));
        }

        sections.AddRange(report.Patterns.Select(p => new DiagSection($"{p.Title} ({Scope(p.Scope)})", [p.Summary, .. p.Evidence])));
        var outcome = report.Verdict == TriageVerdict.Unknown ? DiagnosticsOutcome.Failed
            : report.Missing.Count > 0 ? DiagnosticsOutcome.Partial
            : DiagnosticsOutcome.Ok;
        return new DiagResult(
            $"Triage: {TriageReport.Describe(report.Verdict)} ({client.Cluster})",
            report.Headline,
            sections,
            report.Next,
            report.Missing,
            outcome,
            TriageReport.Describe(report.Verdict),
            report.Patterns.Select(p => p.Id).ToList());
    }

    private static string Scope(PatternScope scope) => scope switch
    {
        PatternScope.ClusterWide => "cluster-wide",
        PatternScope.ControlPlane => "control plane",
        _ => "component",
    };

    private static string Describe(KubernetesApiException ex) => ex.Failure switch
    {
        KubernetesFailure.Unreachable or KubernetesFailure.Timeout => $"The API server cannot be reached: {ex.Message}. The cluster may be down, or the path to its endpoint.",
        _ => char.ToUpperInvariant(ex.Message[0]) + ex.Message[1..] + ".",
    };

    private static IReadOnlyList<string> Hint(KubernetesApiException ex) => ex.Failure switch
    {
        KubernetesFailure.Unreachable or KubernetesFailure.Timeout => ["/diag triage (reports what else can be read)", "check the control-plane endpoint and the cloud provider's status page"],
        KubernetesFailure.Forbidden => ["add the missing rule to the bot's ClusterRole (manifests/rbac.yaml), get/list/watch only"],
        _ => [],
    };
}
