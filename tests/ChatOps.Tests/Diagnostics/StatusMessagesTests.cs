using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Tests.Diagnostics;

/// <summary>Error bodies (JSON Status, plain text, HTML) become messages that say what is wrong.</summary>
public sealed class StatusMessagesTests
{
    [Fact]
    public void A_cluster_scoped_403_names_the_missing_permission()
    {
        var error = StatusMessages.FromResponse(403, "application/json", ClusterScenario.Read("status-403-forbidden.json"), "/api/v1/secrets");

        Assert.Equal(KubernetesFailure.Forbidden, error.Failure);
        Assert.Equal(
            "forbidden (403): the bot's account (system:serviceaccount:chatops:diag-bot) is missing permission to list secrets at the cluster scope; grant it in the ClusterRole (manifests/rbac.yaml)",
            error.Message);
    }

    [Fact]
    public void A_namespaced_403_names_the_subresource_and_namespace()
    {
        var error = StatusMessages.FromResponse(403, "application/json", ClusterScenario.Read("status-403-forbidden-namespaced.json"), "/x");

        Assert.Contains("missing permission to get pods/log in namespace shop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_resource_403_names_the_path()
    {
        var error = StatusMessages.FromResponse(403, "application/json", ClusterScenario.Read("status-403-forbidden-nonresource.json"), "/metrics");

        Assert.Contains("missing permission to get the path /metrics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_429_and_503_and_HTML_are_not_parsed_as_JSON()
    {
        var throttled = StatusMessages.FromResponse(429, "text/plain", ClusterScenario.Read("apf-429-body.txt"), "/api/v1/pods");
        var unavailable = StatusMessages.FromResponse(503, "text/plain", ClusterScenario.Read("aggregated-api-503-body.txt"), "/apis/metrics.k8s.io/v1beta1/nodes");
        var html = StatusMessages.FromResponse(502, "text/html", "<html><head><title>502 Bad Gateway</title></head></html>", "/version");

        Assert.Equal(KubernetesFailure.Throttled, throttled.Failure);
        Assert.Contains("Too many requests, please try again later.", throttled.Message, StringComparison.Ordinal);
        Assert.Equal(KubernetesFailure.Unavailable, unavailable.Failure);
        Assert.Contains("service unavailable", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal("HTTP 502 on /version: 502 Bad Gateway", html.Message);
    }

    [Fact]
    public void An_etcd_timeout_is_flagged_as_etcd_and_a_401_blames_the_credentials()
    {
        var etcd = StatusMessages.FromResponse(500, "application/json", ClusterScenario.Read("status-500-etcd-timeout.json"), "/api/v1/events");
        var unauthorized = StatusMessages.FromResponse(401, "application/json", ClusterScenario.Read("status-401-unauthorized.json"), "/version");

        Assert.True(etcd.Etcd);
        Assert.Contains("etcdserver: request timed out", etcd.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", unauthorized.Message, StringComparison.Ordinal);
    }
}
