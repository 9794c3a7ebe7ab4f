using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.IntegrationTests.Fakes.Kubernetes;
using ChatOps.Tests.Diagnostics;

namespace ChatOps.IntegrationTests.Diagnostics;

/// <summary>The GET-only client against the loopback API server: paging, 410, 429, timeouts, errors, token rotation.</summary>
public sealed class KubernetesClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kube-client-").FullName;

    [Fact]
    public async Task Lists_are_read_page_by_page_with_limit_and_continue()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        using var client = Client(kube, new KubernetesOptions { PageSize = 5 });
        var sink = new CollectingSink();

        var result = await client.ListAsync("/api/v1/pods", new ListQuery(), sink, default);

        Assert.Equal(3, result.Pages);
        Assert.Equal(12, sink.Items.Count);
        Assert.Equal(12, sink.Items.Select(i => i.GetProperty("metadata").GetProperty("name").GetString()).Distinct().Count());
        var requests = kube.RequestsTo("/api/v1/pods");
        Assert.All(requests, r => Assert.Contains("limit=5", r.Query, StringComparison.Ordinal));
        Assert.Contains("continue=", requests[1].Query, StringComparison.Ordinal);
        Assert.All(requests, r => Assert.Equal($"Bearer {FakeKubernetes.Token}", r.Authorization));
    }

    [Fact]
    public async Task An_expired_continue_token_restarts_the_list_once_without_duplicates()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        using var client = Client(kube, new KubernetesOptions { PageSize = 5 });
        var sink = new ExpiringSink(kube);

        var result = await client.ListAsync("/api/v1/pods", new ListQuery(), sink, default);

        Assert.True(result.Restarted);
        Assert.Equal(1, sink.Resets);
        Assert.Equal(12, sink.Names.Count);
        Assert.Equal(12, sink.Names.Distinct().Count());
    }

    [Fact]
    public async Task A_fresh_token_in_the_410_Status_is_used_for_an_inconsistent_continuation()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        using var client = Client(kube, new KubernetesOptions { PageSize = 5 });
        var sink = new ExpiringSink(kube, offerFresh: true);

        var result = await client.ListAsync("/api/v1/pods", new ListQuery(), sink, default);

        Assert.False(result.Restarted);
        Assert.True(result.Inconsistent);
        Assert.Equal(12, sink.Names.Count);
    }

    [Fact]
    public async Task Field_and_label_selectors_reach_the_server()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        using var client = Client(kube);
        var warnings = new CollectingSink();
        var dns = new CollectingSink();

        await client.ListAsync("/api/v1/events", new ListQuery(FieldSelector: "type=Warning"), warnings, default);
        await client.ListAsync("/api/v1/namespaces/kube-system/pods", new ListQuery(LabelSelector: "k8s-app=kube-dns"), dns, default);

        Assert.Equal(13, warnings.Items.Count); // what eventlist-warnings-fieldselector.json holds
        Assert.All(warnings.Items, e => Assert.Equal("Warning", e.GetProperty("type").GetString()));
        Assert.Equal(2, dns.Items.Count);
    }

    [Fact]
    public async Task A_throttled_call_waits_out_Retry_After_and_succeeds()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        kube.Respond("/api/v1/nodes", 429, ClusterScenario.Read("apf-429-body.txt"), "text/plain; charset=utf-8", times: 2, retryAfterSeconds: 0);
        using var client = Client(kube);
        var sink = new CollectingSink();

        await client.ListAsync("/api/v1/nodes", new ListQuery(), sink, default);

        Assert.Equal(6, sink.Items.Count);
        Assert.Equal(3, kube.RequestsTo("/api/v1/nodes").Count);
    }

    [Fact]
    public async Task Persistent_throttling_or_a_long_Retry_After_is_reported_not_waited_out()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        kube.Respond("/api/v1/nodes", 429, "Too many requests, please try again later.", "text/plain", retryAfterSeconds: 0);
        kube.Respond("/api/v1/pods", 429, "Too many requests, please try again later.", "text/plain", retryAfterSeconds: 120);
        using var client = Client(kube);

        var persistent = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync("/api/v1/nodes", new ListQuery(), new CollectingSink(), default));
        var longWait = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync("/api/v1/pods", new ListQuery(), new CollectingSink(), default));

        Assert.Equal(KubernetesFailure.Throttled, persistent.Failure);
        Assert.Equal(3, kube.RequestsTo("/api/v1/nodes").Count);
        Assert.Equal(KubernetesFailure.Throttled, longWait.Failure);
        Assert.Single(kube.RequestsTo("/api/v1/pods"));
    }

    [Fact]
    public async Task A_hung_call_fails_after_the_request_timeout_with_a_clear_message()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        kube.Hang("/api/v1/events", TimeSpan.FromSeconds(5));
        using var client = Client(kube, new KubernetesOptions { RequestTimeout = TimeSpan.FromMilliseconds(400) });

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync("/api/v1/events", new ListQuery(), new CollectingSink(), default));

        Assert.Equal(KubernetesFailure.Timeout, error.Failure);
        Assert.Contains("no answer from the API server", error.Message, StringComparison.Ordinal);
        Assert.Contains("within 0.4 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connection = new ClusterConnection("down", new Uri($"http://127.0.0.1:{port}"), null, null, null, false, null, null);
        using var client = new KubernetesClient(connection, new KubernetesOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetJsonAsync("/version", default));

        Assert.Equal(KubernetesFailure.Unreachable, error.Failure);
        Assert.Contains($"cannot reach the API server at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_Status_names_the_missing_permission()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        kube.Respond("/api/v1/namespaces/shop/pods", 403, ClusterScenario.Read("status-403-forbidden-namespaced.json"));
        using var client = Client(kube);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync("/api/v1/namespaces/shop/pods", new ListQuery(), new CollectingSink(), default));

        Assert.Contains("missing permission to get pods/log in namespace shop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_token_file_is_read_again_after_a_401()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        var tokenPath = Path.Combine(_dir, "token");
        File.WriteAllText(tokenPath, "old-token");
        var token = new FileToken(tokenPath, TimeProvider.System);
        Assert.Equal("old-token", token.Current());
        File.WriteAllText(tokenPath, "new-token");
        kube.RequiredToken = "new-token";
        var connection = new ClusterConnection("rotating", kube.BaseAddress, token, null, null, false, null, null);
        using var client = new KubernetesClient(connection, new KubernetesOptions(), TimeProvider.System);

        using var version = await client.GetJsonAsync("/version", default);

        Assert.Equal("v1.33.1", version.RootElement.GetProperty("gitVersion").GetString());
        Assert.Equal(new[] { "Bearer old-token", "Bearer new-token" }, kube.RequestsTo("/version").Select(r => r.Authorization ?? string.Empty).ToArray());
    }

    [Fact]
    public async Task The_fake_serves_the_Table_form_when_asked()
    {
        await using var kube = await FakeKubernetes.StartAsync(ClusterScenario.FromFixtures());
        using var http = new HttpClient { BaseAddress = kube.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes?limit=2");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        using var response = await http.SendAsync(request);
        using var table = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("Table", table.RootElement.GetProperty("kind").GetString());
        Assert.Equal(2, table.RootElement.GetProperty("rows").GetArrayLength());
        Assert.True(table.RootElement.GetProperty("metadata").TryGetProperty("continue", out _));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private KubernetesClient Client(FakeKubernetes kube, KubernetesOptions? options = null) =>
        new(Kubeconfig.Load("fake", kube.WriteKubeconfig(_dir), null, TimeProvider.System), options ?? new KubernetesOptions(), TimeProvider.System);

    /// <summary>Expires the server's continue tokens while the first page is being read (etcd compacted mid-list).</summary>
    private sealed class ExpiringSink(FakeKubernetes kube, bool offerFresh = false) : IListSink
    {
        private bool _expired;

        public List<string> Names { get; } = [];

        public int Resets { get; private set; }

        public void Add(JsonElement item)
        {
            if (!_expired)
            {
                _expired = true;
                kube.ExpireContinueTokens(offerFresh);
            }

            Names.Add(item.GetProperty("metadata").GetProperty("name").GetString()!);
        }

        public void Reset()
        {
            Resets++;
            Names.Clear();
        }
    }
}
