using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// The clusters /diag may read, by name; the first is the default. With none configured: the pod's
/// own cluster when running in one ("in-cluster"), else $KUBECONFIG or ~/.kube/config ("default").
/// Clients are made on first use, so a broken entry only affects commands that name it.
/// </summary>
public sealed class KubernetesClusters(IOptions<KubernetesOptions> options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<KubernetesClient>> _clients = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<ClusterOptions>? _configured;

    public IReadOnlyList<string> Names => Configured.Select(c => c.Name).ToList();

    public string? DefaultName => Configured.Count > 0 ? Configured[0].Name : null;

    public bool Exists(string name) => Configured.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The client for a cluster; throws <see cref="KubernetesConfigException"/> when its configuration is unusable.</summary>
    public KubernetesClient Get(string name)
    {
        var lazy = _clients.GetOrAdd(name, n => new Lazy<KubernetesClient>(() => Create(n)));
        try
        {
            return lazy.Value;
        }
        catch (KubernetesConfigException)
        {
            // Let a fixed file be picked up by the next command instead of caching the failure.
            _clients.TryRemove(name, out _);
            throw;
        }
    }

    private IReadOnlyList<ClusterOptions> Configured => _configured ??= Resolve(options.Value);

    private KubernetesClient Create(string name)
    {
        var cluster = Configured.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new KubernetesConfigException($"there is no cluster named '{name}'");
        var connection = cluster.InCluster
            ? InClusterConfig.Load(cluster.Name, Environment.GetEnvironmentVariable, clock)
            : Kubeconfig.Load(cluster.Name, cluster.KubeconfigPath!, cluster.Context, clock);
        return new KubernetesClient(connection, options.Value, clock);
    }

    private static List<ClusterOptions> Resolve(KubernetesOptions settings)
    {
        if (settings.Clusters.Count > 0)
        {
            return settings.Clusters.ToList();
        }

        if (InClusterConfig.IsAvailable(Environment.GetEnvironmentVariable))
        {
            return [new ClusterOptions { Name = "in-cluster", InCluster = true }];
        }

        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(kubeconfig) ? [new ClusterOptions { Name = "default", KubeconfigPath = kubeconfig }] : [];
    }

    public void Dispose()
    {
        foreach (var lazy in _clients.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }
    }
}
