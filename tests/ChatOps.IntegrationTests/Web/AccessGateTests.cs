using System.Net;
using System.Net.Sockets;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Web;

/// <summary>
/// Acceptance 3: a request from anywhere but this machine sees no page and no /api without sign-in.
/// Real connections: over a Unix socket (no IP address at all) and from a trusted proxy that says
/// the client is elsewhere.
/// </summary>
public sealed class AccessGateTests
{
    private static readonly string[] Gated = ["/", "/incidents/1", "/maintenance", "/audit", "/playground", "/api/incidents", "/api/maintenance"];

    [Fact]
    public async Task A_connection_that_is_not_loopback_is_refused_pages_and_api_with_the_reason()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"chatops-{Guid.NewGuid():N}.sock");
        var settings = new Dictionary<string, string?> { ["Urls"] = $"http://127.0.0.1:0;http://unix:{socket}" };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), settings);
        using var remote = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        }) { BaseAddress = new Uri("http://chatops.example") };

        foreach (var path in Gated)
        {
            using var response = await remote.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("only to requests from this machine", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var post = await remote.PostAsync(new Uri("/playground/api/send", UriKind.Relative), JsonContent("""{"user":"alice","channel":"general","text":"/incident declare x"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty(await app.Get<ChatOps.Incidents.IncidentStore>().ListAsync(5, CancellationToken.None));

        foreach (var open in new[] { "/healthz", "/readyz", "/maintenance.ics", "/assets/site.css" })
        {
            using var response = await remote.GetAsync(new Uri(open, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{open}: {(int)response.StatusCode}");
        }

        using var local = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_client_counts_and_a_signed_in_user_header_lets_it_in()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Web:Access:TrustedProxies:0"] = "127.0.0.0/8",
            ["Web:Access:UserHeader"] = "X-Auth-Request-Email",
        };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), settings);

        using var anonymous = await GetAsync(app, "/api/incidents", ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("carries no X-Auth-Request-Email header", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Once sign-in is configured, the proxy's own loopback address is no free pass.
        using var viaLoopback = await GetAsync(app, "/");
        Assert.Equal(HttpStatusCode.Forbidden, viaLoopback.StatusCode);

        using var signedIn = await GetAsync(app, "/", ("X-Forwarded-For", "203.0.113.9"), ("X-Auth-Request-Email", "carol@example.com"));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("Signed in as carol@example.com", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_peer_are_ignored()
    {
        var settings = new Dictionary<string, string?> { ["Web:Access:TrustedProxies:0"] = "10.1.2.3" };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), settings);

        // 127.0.0.1 is not the trusted proxy, so its X-Forwarded-For is not believed: it is a local caller.
        using var local = await GetAsync(app, "/api/incidents", ("X-Forwarded-For", "203.0.113.9"));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task With_sign_in_with_slack_a_remote_browser_is_sent_to_slack_for_the_workspace_and_api_calls_are_refused()
    {
        await using var slack = await FakeOpenIdProvider.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Web:Access:TrustedProxies:0"] = "127.0.0.1",
            ["Web:Access:SlackSignIn:ClientId"] = "123.456",
            ["Web:Access:SlackSignIn:ClientSecret"] = "s3cret",
            ["Web:Access:SlackSignIn:TeamId"] = "T0001",
            ["Web:Access:SlackSignIn:Authority"] = slack.Authority,
        };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), settings);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/incidents/1");
        page.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var challenge = await noRedirects.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.OriginalString;
        Assert.StartsWith(slack.Authority + "/openid/connect/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=123.456", location, StringComparison.Ordinal);
        Assert.Contains("team=T0001", location, StringComparison.Ordinal);
        Assert.DoesNotContain("response_mode=form_post", location, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(location, "scope=openid(%20|\\+)profile(%20|\\+)email"), location);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(new Uri(app.BaseAddress, "/signin-slack").ToString()), location, StringComparison.Ordinal);

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        api.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var refused = await noRedirects.SendAsync(api);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Sign-in required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A forged or stale answer from "Slack" is refused with a reason, never a 500.
        using var forged = await noRedirects.GetAsync(new Uri("/signin-slack?code=abc&state=forged", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("Sign-in with Slack did not complete", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(TestApp app, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await app.Client.SendAsync(request);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Serves the discovery document the OpenID Connect handler reads before it redirects.</summary>
    private sealed class FakeOpenIdProvider(WebApplication app, string authority) : IAsyncDisposable
    {
        public string Authority => authority;

        public static async Task<FakeOpenIdProvider> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
            {
                var issuer = $"{http.Request.Scheme}://{http.Request.Host}";
                return Results.Json(new Dictionary<string, object>
                {
                    ["issuer"] = issuer,
                    ["authorization_endpoint"] = issuer + "/openid/connect/authorize",
                    ["token_endpoint"] = issuer + "/api/openid.connect.token",
                    ["userinfo_endpoint"] = issuer + "/api/openid.connect.userInfo",
                    ["jwks_uri"] = issuer + "/openid/connect/keys",
                    ["response_types_supported"] = new[] { "code" },
                    ["scopes_supported"] = new[] { "openid", "profile", "email" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                });
            });
            app.MapGet("/openid/connect/keys", () => Results.Json(new { keys = Array.Empty<object>() }));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FakeOpenIdProvider(app, address.TrimEnd('/'));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
