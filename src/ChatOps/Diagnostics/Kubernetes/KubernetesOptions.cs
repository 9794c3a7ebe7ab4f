namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>Bound from <c>Kubernetes</c>. No clusters configured: in-cluster if detected, else ~/.kube/config if present.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    public IList<ClusterOptions> Clusters { get; } = [];

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
    }
}

public sealed class ClusterOptions
{
    public string Name { get; set; } = string.Empty;

    public string? KubeconfigPath { get; set; }

    public string? Context { get; set; }

    public bool InCluster { get; set; }
}
