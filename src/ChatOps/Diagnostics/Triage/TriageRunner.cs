using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Diagnostics.Triage;

/// <summary>
/// Reads what a 60-second triage can read (kubernetes-api.md 5.2): reachability first, then the
/// lists in parallel (three at a time, to add little load during an outage), each page streamed into
/// its scan. A check that fails or runs out of time is recorded as missing; the rest still count.
/// </summary>
public sealed class TriageRunner(TimeProvider clock)
{
    public const int Parallelism = 3;

    public async Task<TriageFacts> CollectAsync(KubernetesClient client, NamespaceFilter filter, TimeSpan deadline, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var facts = new TriageFacts(filter, now, now - TimeSpan.FromMinutes(15));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(deadline);
        var token = budget.Token;

        if (!await ReachAsync(client, facts, token))
        {
            facts.Requests = client.RequestCount;
            return facts;
        }

        var kubeSystem = filter.Allows("kube-system");
        var checks = new List<(string Name, Func<CancellationToken, Task> Run)>
        {
            ("nodes", t => client.ListAsync("/api/v1/nodes", new ListQuery(), facts.Nodes, t)),
            ("pods", t => client.ListAsync("/api/v1/pods", new ListQuery(), facts.Pods, t)),
            ("events", t => client.ListAsync("/api/v1/events", new ListQuery(FieldSelector: "type=Warning"), facts.Events, t)),
            ("deployments", t => client.ListAsync("/apis/apps/v1/deployments", new ListQuery(), facts.Deployments, t)),
            ("hpas", t => client.ListAsync("/apis/autoscaling/v2/horizontalpodautoscalers", new ListQuery(), facts.Hpas, t)),
            ("quotas", t => client.ListAsync("/api/v1/resourcequotas", new ListQuery(), facts.Quotas, t)),
        };
        if (kubeSystem)
        {
            checks.Add(("daemonsets", t => client.ListAsync("/apis/apps/v1/namespaces/kube-system/daemonsets", new ListQuery(), facts.DaemonSets, t)));
            checks.Add(("kube-dns endpoints", t => client.ListAsync("/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices",
                new ListQuery(LabelSelector: "kubernetes.io/service-name=kube-dns"), facts.DnsEndpoints, t)));
            checks.Add(("leases", t => client.ListAsync("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", new ListQuery(), facts.Leases, t)));
        }
        else
        {
            facts.Missing.Add("kube-system (DNS, CNI, control-plane leases): not in Diagnostics:AllowedNamespaces");
        }

        using var gate = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(checks.Select(c => RunAsync(c.Name, c.Run, facts, gate, token, ct)));
        facts.Requests = client.RequestCount;
        return facts;
    }

    /// <summary>/readyz?verbose then /version. False when the API server cannot be reached at all (nothing else would answer either).</summary>
    private static async Task<bool> ReachAsync(KubernetesClient client, TriageFacts facts, CancellationToken ct)
    {
        try
        {
            var health = await client.GetHealthAsync("/readyz?verbose", ct);
            facts.ReadyzStatus = health.StatusCode;
            facts.ReadyzFailed = HealthChecks.Failed(health.Body);
            facts.ApiLatency = health.Latency;
        }
        catch (KubernetesApiException ex) when (ex.Failure is KubernetesFailure.Unreachable or KubernetesFailure.Timeout)
        {
            facts.Unreachable = ex.Message;
            return false;
        }
        catch (KubernetesApiException ex) when (ex.Failure == KubernetesFailure.Unauthorized)
        {
            facts.Unauthorized = ex.Message;
            return false;
        }
        catch (KubernetesApiException ex)
        {
            // A forbidden /readyz or an odd proxy answer: the lists may still work.
            facts.Missing.Add($"API health (/readyz): {ex.Message}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            facts.Unreachable = "the API server did not answer /readyz within the triage deadline";
            return false;
        }

        try
        {
            using var version = await client.GetJsonAsync("/version", ct);
            facts.Version = version.RootElement.Str("gitVersion") ?? "unknown version";
            facts.Done.Add("version");
        }
        catch (KubernetesApiException ex)
        {
            facts.Missing.Add($"version: {ex.Message}");
        }

        return true;
    }

    private static async Task RunAsync(string name, Func<CancellationToken, Task> run, TriageFacts facts, SemaphoreSlim gate, CancellationToken budget, CancellationToken caller)
    {
        try
        {
            await gate.WaitAsync(budget);
            try
            {
                await run(budget);
                lock (facts)
                {
                    facts.Done.Add(name);
                }
            }
            finally
            {
                gate.Release();
            }
        }
        catch (KubernetesApiException ex)
        {
            lock (facts)
            {
                facts.Missing.Add($"{name}: {ex.Message}");
                if (ex.Etcd || ex.StatusCode is 500 or 504)
                {
                    facts.ServerErrors.Add($"{name}: {ex.Message}");
                }

                if (ex.Failure == KubernetesFailure.Throttled)
                {
                    facts.Throttled++;
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            lock (facts)
            {
                facts.Missing.Add($"{name}: not finished within the triage deadline");
            }
        }
    }
}
