namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>Bound from <c>Kubernetes</c>. No clusters configured: in-cluster if detected, else ~/.kube/config if present.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    public IList<ClusterOptions> Clusters { get; } = [];

    /// <summary>Client-side limit for one API call (the server is asked for the same with ?timeout=).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Items per list page (kubectl's chunk size).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Retries of a throttled (429) call; a diagnostics bot must not add load during an outage.</summary>
    public int MaxThrottleRetries { get; set; } = 2;

    /// <summary>Longest Retry-After the client waits out; a longer one fails the call as throttled.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < Clusters.Count; i++)
        {
            var cluster = Clusters[i];
            if (string.IsNullOrWhiteSpace(cluster.Name))
            {
                yield return $"Kubernetes:Clusters:{i}:Name is required.";
            }

            if (!cluster.InCluster && string.IsNullOrWhiteSpace(cluster.KubeconfigPath))
            {
                yield return $"Kubernetes:Clusters:{i}: set KubeconfigPath or InCluster=true.";
            }
        }

        var duplicate = Clusters.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return $"Kubernetes:Clusters: the name '{duplicate.Key}' is used twice.";
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromSeconds(60))
        {
            yield return "Kubernetes:RequestTimeout must be between 00:00:00.001 and 00:01:00.";
        }

        if (PageSize is < 1 or > 5000)
        {
            yield return "Kubernetes:PageSize must be between 1 and 5000.";
        }

        if (MaxThrottleRetries is < 0 or > 10)
        {
            yield return "Kubernetes:MaxThrottleRetries must be between 0 and 10.";
        }
    }
}

public sealed class ClusterOptions
{
    public string Name { get; set; } = string.Empty;

    public string? KubeconfigPath { get; set; }

    public string? Context { get; set; }

    public bool InCluster { get; set; }
}
