using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Fakes.Teams;

/// <summary>
/// Microsoft's side of Teams on real Kestrel at loopback: the Bot Framework OpenID metadata and JWKS
/// (plain http, which the product allows only on loopback), the Entra token endpoint (HTTPS with a
/// certificate made for this run, because Microsoft.Identity.Client refuses anything else), the Bot
/// Connector and Microsoft Graph. It keeps channels and posted activities and records every call.
/// <code>
/// await using var teams = await FakeTeams.StartAsync();
/// settings["Teams:ServiceUrl"] = teams.ServiceUrl; ... (see <see cref="Settings"/>)
/// services.AddHttpClient(TeamsTokens.ClientName).ConfigurePrimaryHttpMessageHandler(teams.TrustingHandler);
/// </code>
/// </summary>
public sealed partial class FakeTeams : IAsyncDisposable
{
    public const string AppId = "6b1c2d3e-0000-4a5b-8c9d-0e1f2a3b4c5d";
    public const string AppPassword = "fake-teams-app-password";
    public const string TenantId = "72f988bf-0000-41af-91ab-2d7cd011db47";
    public const string TeamId = "0f5b7c1e-0000-4d6b-9a2f-5b3c1d2e4f60";
    public const string BotId = "28:" + AppId;
    public const string BotName = "ChatOps";
    public const string ConnectorToken = "fake-connector-access-token";
    public const string GraphToken = "fake-graph-access-token";

    private readonly WebApplication _server;
    private readonly ConcurrentQueue<TeamsCall> _calls = new();
    private readonly SemaphoreSlim _recorded = new(0);
    private readonly object _gate = new();

    private FakeTeams(WebApplication server, X509Certificate2 certificate)
    {
        _server = server;
        Certificate = certificate;
    }

    public FakeTeamsKeys Keys { get; } = new();

    /// <summary>The self-signed certificate of the HTTPS token endpoint: tests trust it, nothing else does.</summary>
    public X509Certificate2 Certificate { get; }

    public Uri HttpBase { get; private set; } = null!;

    public Uri HttpsBase { get; private set; } = null!;

    /// <summary>The Connector base URL activities carry (and tokens vouch for).</summary>
    public string ServiceUrl => new Uri(HttpBase, "connector/").AbsoluteUri;

    public Uri OpenIdMetadataUrl => new(HttpBase, "openid/.well-known/openidconfiguration");

    public Uri Authority => new(HttpsBase, $"{TenantId}/");

    public Uri GraphBaseUrl => new(HttpBase, "graph/v1.0/");

    public IReadOnlyList<TeamsCall> Calls => [.. _calls];

    public static async Task<FakeTeams> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        var server = builder.Build();
        var fake = new FakeTeams(server, certificate);
        fake.Map(server);
        await server.StartAsync();
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        fake.HttpBase = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/') + "/");
        fake.HttpsBase = new Uri(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The Teams settings that point the app here.</summary>
    public Dictionary<string, string?> Settings(string broadcastChannel) => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = AppPassword,
        ["Teams:TenantId"] = TenantId,
        ["Teams:TeamId"] = TeamId,
        ["Teams:BroadcastChannel"] = broadcastChannel,
        ["Teams:ServiceUrl"] = ServiceUrl,
        ["Teams:OpenIdMetadataUrl"] = OpenIdMetadataUrl.AbsoluteUri,
        ["Teams:Authority"] = Authority.AbsoluteUri,
        ["Teams:GraphBaseUrl"] = GraphBaseUrl.AbsoluteUri,
    };

    /// <summary>
    /// A handler that trusts this run's certificate as a root, the way an SSL_CERT_FILE bundle would:
    /// the chain must build to it and the host name must match; nothing else is relaxed.
    /// </summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (errors != SslPolicyErrors.RemoteCertificateChainErrors || presented is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(Certificate);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(presented));
            },
        },
    };

    public IReadOnlyList<TeamsCall> CallsTo(string kind) => [.. _calls.Where(c => c.Kind == kind)];

    public async Task<TeamsCall> WaitForCallAsync(string kind, Func<TeamsCall, bool>? match = null, TimeSpan? timeout = null)
    {
        TeamsCall? found = null;
        await WaitUntilAsync(() => (found = _calls.FirstOrDefault(c => c.Kind == kind && (match?.Invoke(c) ?? true))) is not null, timeout, $"a {kind} call");
        return found!;
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string what = "the condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"FakeTeams never saw {what}. Calls: {string.Join(", ", _calls.Select(c => $"{c.Kind}:{c.Status}"))}");
            }

            await _recorded.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        _recorded.Dispose();
        Certificate.Dispose();
    }

    private void Record(HttpContext http, string kind, JsonObject body, int status, string? conversation = null, string? activity = null)
    {
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _calls.Enqueue(new TeamsCall(kind, http.Request.Method, http.Request.Path + http.Request.QueryString, body, headers, DateTimeOffset.UtcNow, status, conversation, activity));
        _recorded.Release();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=chatops-fake-teams", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>One request the fake received: what it was ("token", "thread", "send", "reply", "update", "personal", "createChannel", "patchChannel", "jwks", "metadata"), its body and the answer.</summary>
public sealed record TeamsCall(string Kind, string Method, string Path, JsonObject Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At, int Status,
    string? ConversationId, string? ActivityId)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The outbound activity of a Connector call (the "activity" of a new thread, else the body).</summary>
    public JsonObject? Activity => Kind == "thread" ? Body["activity"] as JsonObject : Body;

    /// <summary>Every text of the card (TextBlocks, facts, action titles) as a reader sees it (no markdown), joined by newlines.</summary>
    public string CardText => Activity?["attachments"]?[0]?["content"] is JsonNode card
        ? System.Text.RegularExpressions.Regex.Replace(string.Join("\n", Texts(card)).Replace("**", string.Empty, StringComparison.Ordinal), @"\\(.)", "$1")
        : string.Empty;

    public JsonObject? Card => Activity?["attachments"]?[0]?["content"] as JsonObject;

    private static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "text" or "title" or "value" or "fallbackText" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : p.Value is null ? [] : Texts(p.Value)),
        JsonArray a => a.SelectMany(i => i is null ? [] : Texts(i)),
        _ => [],
    };
}
