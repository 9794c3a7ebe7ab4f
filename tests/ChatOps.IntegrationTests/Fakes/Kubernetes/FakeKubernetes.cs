using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOps.Tests.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Fakes.Kubernetes;

/// <summary>
/// A Kubernetes API server on real Kestrel at 127.0.0.1:&lt;free port&gt;, speaking the wire format:
/// typed List objects with limit/continue (and 410 for expired tokens), field and label selectors,
/// the meta.k8s.io Table form, Status error bodies, plain-text 429/503, /version, /readyz and /livez.
/// It records every request; any method but GET is answered 405 and fails the test on dispose.
/// <code>
/// await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
/// settings["Kubernetes:Clusters:0:KubeconfigPath"] = kube.WriteKubeconfig(dir);
/// kube.Respond("/api/v1/events", 504, ClusterScenario.Read("status-504-timeout.json"));
/// </code>
/// </summary>
public sealed partial class FakeKubernetes : IAsyncDisposable
{
    public const string Token = "fake-sa-token-1";

    private readonly WebApplication _server;
    private readonly ConcurrentQueue<KubeRequest> _requests = new();
    private readonly ConcurrentDictionary<string, FakeResource> _resources = new(StringComparer.Ordinal);
    private readonly List<Scripted> _scripts = [];
    private readonly Lock _gate = new();
    private int _epoch;
    private bool _offerFreshToken;

    private FakeKubernetes(WebApplication server)
    {
        _server = server;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<KubeRequest> Requests => [.. _requests];

    /// <summary>Requests that were not GET. Must stay empty: the bot is read-only.</summary>
    public IReadOnlyList<KubeRequest> NonGetRequests => [.. _requests.Where(r => r.Method != "GET")];

    public string Version { get; set; } = "{}";

    public string Readyz { get; set; } = "ok";

    public int ReadyzStatus { get; set; } = 200;

    public string Livez { get; set; } = "ok";

    /// <summary>When set, requests must carry this bearer token (401 otherwise).</summary>
    public string? RequiredToken { get; set; }

    public static async Task<FakeKubernetes> StartAsync(ClusterScenario? scenario = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var fake = new FakeKubernetes(server);
        server.Run(fake.HandleAsync);
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        if (scenario is not null)
        {
            fake.Serve(scenario);
        }

        return fake;
    }

    /// <summary>Serves a scenario's lists at their API paths.</summary>
    public void Serve(ClusterScenario s)
    {
        Version = s.Version;
        Readyz = s.Readyz;
        ReadyzStatus = s.ReadyzStatus;
        Livez = s.Livez;
        Add("/api/v1", "nodes", "NodeList", "v1", s["nodes"], namespaced: false);
        Add("/api/v1", "pods", "PodList", "v1", s["pods"]);
        Add("/api/v1", "events", "EventList", "v1", s["events"]);
        Add("/api/v1", "resourcequotas", "ResourceQuotaList", "v1", s["quotas"]);
        Add("/apis/apps/v1", "deployments", "DeploymentList", "apps/v1", s["deployments"]);
        Add("/apis/apps/v1", "daemonsets", "DaemonSetList", "apps/v1", s["daemonsets"]);
        Add("/apis/apps/v1", "statefulsets", "StatefulSetList", "apps/v1", s["statefulsets"]);
        Add("/apis/autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscalerList", "autoscaling/v2", s["hpas"]);
        Add("/apis/discovery.k8s.io/v1", "endpointslices", "EndpointSliceList", "discovery.k8s.io/v1", s["endpointslices"]);
        Add("/apis/coordination.k8s.io/v1", "leases", "LeaseList", "coordination.k8s.io/v1", s["leases"]);
    }

    public void Add(string apiPrefix, string resource, string listKind, string apiVersion, IEnumerable<JsonObject> items, bool namespaced = true) =>
        _resources[$"{apiPrefix}/{resource}"] = new FakeResource(listKind, apiVersion, namespaced, [.. items]);

    /// <summary>Answers requests whose path starts with <paramref name="pathPrefix"/> with this response, <paramref name="times"/> times.</summary>
    public void Respond(string pathPrefix, int status, string body, string contentType = "application/json", int times = int.MaxValue,
        int? retryAfterSeconds = null, TimeSpan? delay = null)
    {
        lock (_gate)
        {
            _scripts.Add(new Scripted(pathPrefix, status, body, contentType, times, retryAfterSeconds, delay));
        }
    }

    /// <summary>Holds requests to a path for <paramref name="delay"/> before answering normally (a slow or hung server).</summary>
    public void Hang(string pathPrefix, TimeSpan delay) => Respond(pathPrefix, 0, string.Empty, delay: delay);

    /// <summary>Every continue token handed out so far now answers 410 (etcd compaction); optionally with a fresh token in the Status.</summary>
    public void ExpireContinueTokens(bool offerFreshToken = false)
    {
        Interlocked.Increment(ref _epoch);
        _offerFreshToken = offerFreshToken;
    }

    public IReadOnlyList<KubeRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <summary>A kubeconfig for this server (token user), written into <paramref name="directory"/>.</summary>
    public string WriteKubeconfig(string directory, string name = "fake")
    {
        var path = Path.Combine(directory, $"kubeconfig-{name}.yaml");
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            current-context: {{name}}
            clusters:
            - name: {{name}}
              cluster:
                server: {{BaseAddress.ToString().TrimEnd('/')}}
            contexts:
            - name: {{name}}
              context: {cluster: {{name}}, user: bot}
            users:
            - name: bot
              user:
                token: {{Token}}
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        var writes = NonGetRequests;
        if (writes.Count > 0)
        {
            throw new InvalidOperationException($"the bot sent non-GET requests to the Kubernetes API: {string.Join(", ", writes.Select(w => $"{w.Method} {w.Path}"))}");
        }
    }

    private Scripted? TakeScript(string path)
    {
        lock (_gate)
        {
            var script = _scripts.FirstOrDefault(s => path.StartsWith(s.PathPrefix, StringComparison.Ordinal) && s.Remaining > 0);
            if (script is not null)
            {
                script.Remaining--;
            }

            return script;
        }
    }

    private sealed record FakeResource(string ListKind, string ApiVersion, bool Namespaced, List<JsonObject> Items);

    private sealed class Scripted(string pathPrefix, int status, string body, string contentType, int times, int? retryAfter, TimeSpan? delay)
    {
        public string PathPrefix => pathPrefix;
        public int Status => status;
        public string Body => body;
        public string ContentType => contentType;
        public int? RetryAfter => retryAfter;
        public TimeSpan? Delay => delay;
        public int Remaining { get; set; } = times;
    }
}

public sealed record KubeRequest(string Method, string Path, string Query, string? Accept, string? Authorization, DateTimeOffset At);
