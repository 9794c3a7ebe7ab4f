using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Tests.Infrastructure;

namespace ChatOps.Tests.Diagnostics;

/// <summary>kubeconfig variants: token, tokenFile (re-read after rotation), CA data or file, client certificates, contexts, refusals.</summary>
public sealed class KubeconfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Token_user_and_current_context()
    {
        var c = Parse(Config("user: {token: abc123}"));

        Assert.Equal(new Uri("https://10.0.0.1:6443"), c.Server);
        Assert.Equal("abc123", c.Token!.Current());
        Assert.Equal("shop", c.DefaultNamespace);
        Assert.False(c.InsecureSkipTlsVerify);
        Assert.Null(c.CertificateAuthority);
    }

    [Fact]
    public void A_token_file_relative_to_the_kubeconfig_is_read_again_after_it_rotates()
    {
        File.WriteAllText(Path.Combine(_dir, "token"), "first\n");
        var c = Parse(Config("user: {tokenFile: token}"));
        Assert.Equal("first", c.Token!.Current());

        File.WriteAllText(Path.Combine(_dir, "token"), "second");
        Assert.Equal("first", c.Token.Current());
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal("second", c.Token.Current());
    }

    [Fact]
    public void A_401_invalidation_makes_the_next_call_read_the_file_at_once()
    {
        File.WriteAllText(Path.Combine(_dir, "token"), "old");
        var token = new FileToken(Path.Combine(_dir, "token"), _clock);
        Assert.Equal("old", token.Current());
        File.WriteAllText(Path.Combine(_dir, "token"), "new");

        token.Invalidate();

        Assert.Equal("new", token.Current());
    }

    [Fact]
    public void CA_data_and_an_embedded_client_certificate_and_key()
    {
        var (certPem, keyPem) = SelfSigned();
        var c = Parse(Config(
            $"user: {{client-certificate-data: {B64(certPem)}, client-key-data: {B64(keyPem)}}}",
            $"certificate-authority-data: {B64(certPem)}"));

        Assert.Single(c.CertificateAuthority!.Current());
        Assert.NotNull(c.ClientCertificate);
        Assert.True(c.ClientCertificate!.HasPrivateKey);
        Assert.Null(c.Token);
    }

    [Fact]
    public void A_CA_file_path_is_relative_to_the_kubeconfig()
    {
        var (certPem, _) = SelfSigned();
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), certPem);

        var c = Parse(Config("user: {token: t}", "certificate-authority: ca.crt"));

        Assert.Single(c.CertificateAuthority!.Current());
    }

    [Fact]
    public void Insecure_skip_is_honoured_only_when_set_and_tls_server_name_is_kept()
    {
        var c = Parse(Config("user: {token: t}", "insecure-skip-tls-verify: true, tls-server-name: api.internal"));

        Assert.True(c.InsecureSkipTlsVerify);
        Assert.Equal("api.internal", c.TlsServerName);
    }

    [Fact]
    public void A_named_context_wins_over_the_current_one()
    {
        var yaml = $$"""
            apiVersion: v1
            kind: Config
            current-context: one
            clusters:
            - name: c1
              cluster: {server: "https://one:6443"}
            - name: c2
              cluster: {server: "https://two:6443"}
            contexts:
            - name: one
              context: {cluster: c1, user: u1}
            - name: two
              context: {cluster: c2, user: u1}
            users:
            - name: u1
              user: {token: t}
            """;

        Assert.Equal("two", Kubeconfig.Parse("prod", yaml, _dir, "two", _clock).Server.Host);
        Assert.Equal("one", Kubeconfig.Parse("prod", yaml, _dir, null, _clock).Server.Host);
    }

    [Fact]
    public void A_JSON_kubeconfig_parses_too()
    {
        const string json = """
            {"apiVersion":"v1","kind":"Config","current-context":"c",
             "clusters":[{"name":"k","cluster":{"server":"http://127.0.0.1:8001"}}],
             "contexts":[{"name":"c","context":{"cluster":"k","user":"u"}}],
             "users":[{"name":"u","user":{"token":"j"}}]}
            """;

        var c = Kubeconfig.Parse("local", json, _dir, null, _clock);

        Assert.Equal(new Uri("http://127.0.0.1:8001"), c.Server);
        Assert.Equal("j", c.Token!.Current());
    }

    [Theory]
    [InlineData("user: {exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}}", "exec plugin")]
    [InlineData("user: {auth-provider: {name: oidc}}", "auth-provider")]
    [InlineData("user: {client-certificate-data: Zm9v}", "needs both the certificate and the key")]
    public void Logins_the_bot_cannot_perform_are_refused_clearly(string user, string expected)
    {
        var error = Assert.Throws<KubernetesConfigException>(() => Parse(Config(user)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("cluster 'prod':", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: v1\nclusters: []\ncontexts: []\nusers: []\n", "no current-context")]
    [InlineData("current-context: missing\n", "context 'missing' is not in the kubeconfig")]
    [InlineData("current-context: [unclosed\n", "not valid YAML")]
    public void Broken_kubeconfigs_name_the_problem(string yaml, string expected)
    {
        var error = Assert.Throws<KubernetesConfigException>(() => Kubeconfig.Parse("prod", yaml, _dir, null, _clock));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_cluster_needs_both_variables_and_both_files()
    {
        File.WriteAllText(Path.Combine(_dir, "token"), "sa-token\n");
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "443" };
        Assert.False(InClusterConfig.IsAvailable(k => env.GetValueOrDefault(k), _dir));

        File.WriteAllText(Path.Combine(_dir, "ca.crt"), SelfSigned().Cert);
        File.WriteAllText(Path.Combine(_dir, "namespace"), "chatops\n");
        var c = InClusterConfig.Load("in-cluster", k => env.GetValueOrDefault(k), _clock, _dir);

        Assert.Equal("https://[fd00::1]/", c.Server.ToString());
        Assert.Equal("sa-token", c.Token!.Current());
        Assert.Equal("chatops", c.DefaultNamespace);
        Assert.IsType<FileToken>(c.Token);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ClusterConnection Parse(string yaml) => Kubeconfig.Parse("prod", yaml, _dir, null, _clock);

    private static string Config(string user, string clusterExtra = "") => $$"""
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: prod-cluster
          cluster: {server: "https://10.0.0.1:6443"{{(clusterExtra.Length > 0 ? ", " + clusterExtra : string.Empty)}}}
        contexts:
        - name: prod
          context: {cluster: prod-cluster, user: bot, namespace: shop}
        users:
        - name: bot
          {{user}}
        """;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static (string Cert, string Key) SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
