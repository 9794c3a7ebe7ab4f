using System.Security.Cryptography.X509Certificates;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// Reads a kubeconfig (YAML or JSON): current-context or a named context, the cluster's server,
/// CA (data or file), insecure-skip-tls-verify and tls-server-name, the user's token or tokenFile,
/// client certificate and key (data or file). Exec plugins and auth-providers are refused with a
/// clear message: the bot runs unattended and cannot run a login helper.
/// </summary>
public static class Kubeconfig
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    public static ClusterConnection Load(string name, string path, string? context, TimeProvider clock)
    {
        if (!File.Exists(path))
        {
            throw new KubernetesConfigException($"cluster '{name}': kubeconfig {path} does not exist");
        }

        return Parse(name, File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, context, clock);
    }

    public static ClusterConnection Parse(string name, string text, string baseDirectory, string? contextName, TimeProvider clock)
    {
        KubeconfigFile file;
        try
        {
            file = Yaml.Deserialize<KubeconfigFile>(text) ?? new KubeconfigFile();
        }
        catch (YamlException ex)
        {
            throw new KubernetesConfigException($"cluster '{name}': the kubeconfig is not valid YAML ({ex.Start.Line}:{ex.Start.Column}: {ex.Message})", ex);
        }

        var wanted = string.IsNullOrWhiteSpace(contextName) ? file.CurrentContext : contextName;
        if (string.IsNullOrWhiteSpace(wanted))
        {
            throw new KubernetesConfigException($"cluster '{name}': the kubeconfig has no current-context; set Context");
        }

        var context = file.Contexts.FirstOrDefault(c => c.Name == wanted)?.Context
            ?? throw new KubernetesConfigException($"cluster '{name}': context '{wanted}' is not in the kubeconfig");
        var cluster = file.Clusters.FirstOrDefault(c => c.Name == context.Cluster)?.Cluster
            ?? throw new KubernetesConfigException($"cluster '{name}': context '{wanted}' names cluster '{context.Cluster}', which is not defined");
        var user = file.Users.FirstOrDefault(u => u.Name == context.User)?.User ?? new UserEntry();

        if (string.IsNullOrWhiteSpace(cluster.Server) || !Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server)
            || server.Scheme is not ("https" or "http"))
        {
            throw new KubernetesConfigException($"cluster '{name}': server '{cluster.Server}' is not an http(s) URL");
        }

        if (user.Exec is not null || user.AuthProvider is not null)
        {
            throw new KubernetesConfigException(
                $"cluster '{name}': user '{context.User}' logs in with an exec plugin or auth-provider, which the bot cannot run; use a service account token (token or tokenFile)");
        }

        return new ClusterConnection(
            name,
            server,
            Token(user, baseDirectory, clock),
            CertificateAuthority(name, cluster, baseDirectory),
            ClientCertificate(name, user, baseDirectory),
            cluster.InsecureSkipTlsVerify,
            cluster.TlsServerName,
            context.Namespace);
    }

    private static ITokenSource? Token(UserEntry user, string baseDirectory, TimeProvider clock) =>
        !string.IsNullOrWhiteSpace(user.Token) ? new StaticToken(user.Token.Trim())
        : !string.IsNullOrWhiteSpace(user.TokenFile) ? new FileToken(Resolve(baseDirectory, user.TokenFile), clock)
        : null;

    private static CaBundle? CertificateAuthority(string name, ClusterEntry cluster, string baseDirectory)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(cluster.CertificateAuthorityData))
            {
                return new CaBundle(CaBundle.FromPem(Base64Text(cluster.CertificateAuthorityData)));
            }

            return string.IsNullOrWhiteSpace(cluster.CertificateAuthority)
                ? null
                : new CaBundle(CaBundle.FromPem(File.ReadAllText(Resolve(baseDirectory, cluster.CertificateAuthority))));
        }
        catch (Exception ex) when (ex is FormatException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new KubernetesConfigException($"cluster '{name}': the certificate authority cannot be read ({ex.Message})", ex);
        }
    }

    private static X509Certificate2? ClientCertificate(string name, UserEntry user, string baseDirectory)
    {
        var cert = !string.IsNullOrWhiteSpace(user.ClientCertificateData) ? Base64Text(user.ClientCertificateData)
            : !string.IsNullOrWhiteSpace(user.ClientCertificate) ? File.ReadAllText(Resolve(baseDirectory, user.ClientCertificate)) : null;
        var key = !string.IsNullOrWhiteSpace(user.ClientKeyData) ? Base64Text(user.ClientKeyData)
            : !string.IsNullOrWhiteSpace(user.ClientKey) ? File.ReadAllText(Resolve(baseDirectory, user.ClientKey)) : null;
        if (cert is null && key is null)
        {
            return null;
        }

        if (cert is null || key is null)
        {
            throw new KubernetesConfigException($"cluster '{name}': a client certificate needs both the certificate and the key");
        }

        try
        {
            return X509Certificate2.CreateFromPem(cert, key);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new KubernetesConfigException($"cluster '{name}': the client certificate or key cannot be read ({ex.Message})", ex);
        }
    }

    private static string Base64Text(string data) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));

    private static string Resolve(string baseDirectory, string path) => Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path);

    // The kubeconfig shape (client-go tools/clientcmd/api/v1/types.go), only the fields used here.
    private sealed class KubeconfigFile
    {
        [YamlMember(Alias = "current-context")] public string? CurrentContext { get; set; }
        [YamlMember(Alias = "clusters")] public List<NamedCluster> Clusters { get; set; } = [];
        [YamlMember(Alias = "contexts")] public List<NamedContext> Contexts { get; set; } = [];
        [YamlMember(Alias = "users")] public List<NamedUser> Users { get; set; } = [];
    }

    private sealed class NamedCluster
    {
        [YamlMember(Alias = "name")] public string Name { get; set; } = string.Empty;
        [YamlMember(Alias = "cluster")] public ClusterEntry? Cluster { get; set; }
    }

    private sealed class NamedContext
    {
        [YamlMember(Alias = "name")] public string Name { get; set; } = string.Empty;
        [YamlMember(Alias = "context")] public ContextEntry? Context { get; set; }
    }

    private sealed class NamedUser
    {
        [YamlMember(Alias = "name")] public string Name { get; set; } = string.Empty;
        [YamlMember(Alias = "user")] public UserEntry? User { get; set; }
    }

    private sealed class ClusterEntry
    {
        [YamlMember(Alias = "server")] public string? Server { get; set; }
        [YamlMember(Alias = "certificate-authority")] public string? CertificateAuthority { get; set; }
        [YamlMember(Alias = "certificate-authority-data")] public string? CertificateAuthorityData { get; set; }
        [YamlMember(Alias = "insecure-skip-tls-verify")] public bool InsecureSkipTlsVerify { get; set; }
        [YamlMember(Alias = "tls-server-name")] public string? TlsServerName { get; set; }
    }

    private sealed class ContextEntry
    {
        [YamlMember(Alias = "cluster")] public string? Cluster { get; set; }
        [YamlMember(Alias = "user")] public string? User { get; set; }
        [YamlMember(Alias = "namespace")] public string? Namespace { get; set; }
    }

    private sealed class UserEntry
    {
        [YamlMember(Alias = "token")] public string? Token { get; set; }
        [YamlMember(Alias = "tokenFile")] public string? TokenFile { get; set; }
        [YamlMember(Alias = "client-certificate")] public string? ClientCertificate { get; set; }
        [YamlMember(Alias = "client-certificate-data")] public string? ClientCertificateData { get; set; }
        [YamlMember(Alias = "client-key")] public string? ClientKey { get; set; }
        [YamlMember(Alias = "client-key-data")] public string? ClientKeyData { get; set; }
        [YamlMember(Alias = "exec")] public object? Exec { get; set; }
        [YamlMember(Alias = "auth-provider")] public object? AuthProvider { get; set; }
    }
}
