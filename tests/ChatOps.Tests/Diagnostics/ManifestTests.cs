using ChatOps.Diagnostics;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Hosting;
using ChatOps.Tests.Architecture;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ChatOps.Tests.Diagnostics;

/// <summary>
/// manifests/ is parsed as YAML: the RBAC the bot gets is read-only, names no dangerous resource
/// and covers what /diag reads; the Deployment is hardened; the ConfigMap binds to real settings.
/// </summary>
public sealed class ManifestTests
{
    private static readonly HashSet<string> ReadVerbs = ["get", "list", "watch"];

    private static readonly HashSet<string> Forbidden =
    [
        "secrets", "configmaps", "pods/exec", "pods/attach", "pods/portforward", "pods/log", "pods/proxy", "services/proxy",
        "nodes/proxy", "nodes/log", "nodes/stats", "nodes/metrics", "serviceaccounts/token", "certificatesigningrequests",
        "users", "groups", "serviceaccounts", "*",
    ];

    private static readonly List<YamlMappingNode> Documents = Load();

    public static TheoryData<string> RoleNames => new(Documents.Where(IsRole).Select(d => $"{Str(d, "kind")}/{Str(d["metadata"], "name")}"));

    [Theory]
    [MemberData(nameof(RoleNames))]
    public void Every_rule_is_read_only_and_names_no_dangerous_resource(string role)
    {
        var rules = Rules(Documents.Single(d => $"{Str(d, "kind")}/{Str(d["metadata"], "name")}" == role));

        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var verbs = Seq(rule, "verbs");
            Assert.All(verbs, v => Assert.Contains(v, ReadVerbs));
            Assert.DoesNotContain("*", Seq(rule, "apiGroups"));
            Assert.All(Seq(rule, "resources"), r => Assert.DoesNotContain(r, Forbidden));
            Assert.All(Seq(rule, "resourceNames"), _ => Assert.Fail("no resourceNames expected"));
            var urls = Seq(rule, "nonResourceURLs");
            Assert.All(urls, u => Assert.Contains(u, new[] { "/readyz", "/livez", "/version" }));
            if (urls.Count > 0)
            {
                Assert.Equal(["get"], verbs);
            }
        }
    }

    [Fact]
    public void The_roles_cover_everything_diag_reads()
    {
        var granted = Documents.Where(IsRole).SelectMany(Rules)
            .SelectMany(r => Seq(r, "apiGroups").SelectMany(g => Seq(r, "resources").Select(res => (g, res))))
            .ToHashSet();

        foreach (var needed in new[]
        {
            ("", "nodes"), ("", "pods"), ("", "events"), ("", "resourcequotas"), ("apps", "deployments"), ("apps", "daemonsets"),
            ("apps", "statefulsets"), ("autoscaling", "horizontalpodautoscalers"), ("discovery.k8s.io", "endpointslices"), ("coordination.k8s.io", "leases"),
        })
        {
            Assert.Contains(needed, granted);
        }

        var leases = Documents.Single(d => Str(d, "kind") == "Role");
        Assert.Equal("kube-system", Str(leases["metadata"], "namespace"));
    }

    [Fact]
    public void The_service_account_is_bound_to_the_roles()
    {
        var bindings = Documents.Where(d => Str(d, "kind") is "ClusterRoleBinding" or "RoleBinding").ToList();

        Assert.Equal(2, bindings.Count);
        Assert.All(bindings, b =>
        {
            var subject = (YamlMappingNode)((YamlSequenceNode)b["subjects"]).Children.Single();
            Assert.Equal(("ServiceAccount", "chatops", "chatops"), (Str(subject, "kind"), Str(subject, "name"), Str(subject, "namespace")));
        });
    }

    [Fact]
    public void The_deployment_runs_two_hardened_replicas_with_probes_and_resources()
    {
        var deployment = Documents.Single(d => Str(d, "kind") == "Deployment");
        var spec = (YamlMappingNode)deployment["spec"];
        var pod = (YamlMappingNode)((YamlMappingNode)spec["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children.Single();

        Assert.Equal("2", Str(spec, "replicas"));
        Assert.Equal("true", Str(pod["securityContext"], "runAsNonRoot"));
        Assert.Equal("true", Str(container["securityContext"], "readOnlyRootFilesystem"));
        Assert.Equal("false", Str(container["securityContext"], "allowPrivilegeEscalation"));
        Assert.Equal("/readyz", Str(((YamlMappingNode)container["readinessProbe"])["httpGet"], "path"));
        Assert.Equal("/healthz", Str(((YamlMappingNode)container["livenessProbe"])["httpGet"], "path"));
        Assert.NotNull(((YamlMappingNode)container["resources"])["requests"]);
        Assert.Equal("chatops", Str(pod, "serviceAccountName"));
        Assert.Contains(Documents, d => Str(d, "kind") == "PodDisruptionBudget");
        Assert.Contains(Documents, d => Str(d, "kind") == "NetworkPolicy");
        Assert.Contains(Documents, d => Str(d, "kind") == "Service");
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_but_the_example_secret()
    {
        var folder = Path.Combine(BoundaryTests.RepositoryRoot(), "manifests");
        var kustomization = (YamlMappingNode)LoadFile(Path.Combine(folder, "kustomization.yaml")).Single();
        var listed = Seq(kustomization, "resources").ToHashSet();
        var files = Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Where(f => f is not ("kustomization.yaml" or "secret.example.yaml"));

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("secret.example.yaml", listed);
    }

    [Fact]
    public void The_configmap_binds_to_real_settings()
    {
        var data = (YamlMappingNode)Documents.Single(d => Str(d, "kind") == "ConfigMap")["data"];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(data.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!.Replace("__", ":", StringComparison.Ordinal), kv => ((YamlScalarNode)kv.Value).Value))
            .Build();

        var kubernetes = configuration.Read<KubernetesOptions>(KubernetesOptions.Section);
        Assert.Empty(kubernetes.Validate());
        Assert.True(kubernetes.Clusters.Single().InCluster);
        Assert.NotEmpty(configuration.Read<DiagnosticsOptions>(DiagnosticsOptions.Section).AllowedUsers);
    }

    private static bool IsRole(YamlMappingNode d) => Str(d, "kind") is "ClusterRole" or "Role";

    private static List<YamlMappingNode> Rules(YamlMappingNode role) => ((YamlSequenceNode)role["rules"]).Children.Cast<YamlMappingNode>().ToList();

    private static List<string> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToList()
            : [];

    private static string? Str(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static List<YamlMappingNode> Load()
    {
        var folder = Path.Combine(BoundaryTests.RepositoryRoot(), "manifests");
        return Directory.GetFiles(folder, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(LoadFile).OfType<YamlMappingNode>().ToList();
    }

    private static IEnumerable<YamlNode> LoadFile(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode);
    }
}
