namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// The pod's own service account: KUBERNETES_SERVICE_HOST/PORT plus the mounted token, CA bundle
/// and namespace. Detected only when both variables are set and both files exist (as client-go does).
/// </summary>
public static class InClusterConfig
{
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static bool IsAvailable(Func<string, string?> environment, string directory = DefaultDirectory) =>
        !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"))
        && File.Exists(Path.Combine(directory, "token"))
        && File.Exists(Path.Combine(directory, "ca.crt"));

    public static ClusterConnection Load(string name, Func<string, string?> environment, TimeProvider clock, string directory = DefaultDirectory)
    {
        if (!IsAvailable(environment, directory))
        {
            throw new KubernetesConfigException(
                $"cluster '{name}': not running in a pod (KUBERNETES_SERVICE_HOST/PORT unset or {directory}/token, ca.crt missing)");
        }

        // UriBuilder brackets a bare IPv6 address for us.
        var server = new UriBuilder("https", environment("KUBERNETES_SERVICE_HOST")!, int.Parse(environment("KUBERNETES_SERVICE_PORT")!, System.Globalization.CultureInfo.InvariantCulture)).Uri;
        var ca = new CaBundle(Path.Combine(directory, "ca.crt"), clock);
        var namespacePath = Path.Combine(directory, "namespace");
        var ns = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : null;
        return new ClusterConnection(name, server, new FileToken(Path.Combine(directory, "token"), clock), ca, null, false, null, ns);
    }
}

/// <summary>A cluster's configuration cannot be used; the message names the cluster and the problem.</summary>
public sealed class KubernetesConfigException(string message, Exception? inner = null) : Exception(message, inner);
