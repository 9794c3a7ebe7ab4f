using System.Collections.Concurrent;
using ChatOps.Chat;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace ChatOps.Platforms.Teams.Api;

/// <summary>
/// App tokens by client credentials through Microsoft.Identity.Client: one confidential client per
/// authority, kept for the process, so MSAL's in-memory app token cache serves every call until
/// shortly before expiry. MSAL's HTTP goes through <see cref="MsalHttpClients"/> (the named client
/// <see cref="ClientName"/>), which is also where a test trusts its own certificate.
/// </summary>
public sealed class TeamsTokens(IOptions<TeamsOptions> options, MsalHttpClients http)
{
    public const string ClientName = "teams-token";
    public const string ConnectorScope = "https://api.botframework.com/.default";

    private readonly ConcurrentDictionary<Uri, IConfidentialClientApplication> _apps = new();

    public Task<string> ConnectorAsync(CancellationToken ct) => AcquireAsync(options.Value.BotAuthority, ConnectorScope, ct);

    public Task<string> GraphAsync(string tenantId, CancellationToken ct) =>
        AcquireAsync(options.Value.GraphAuthority(tenantId), options.Value.GraphScope, ct);

    private async Task<string> AcquireAsync(Uri authority, string scope, CancellationToken ct)
    {
        var app = _apps.GetOrAdd(authority, a => ConfidentialClientApplicationBuilder.Create(options.Value.AppId)
            .WithClientSecret(options.Value.AppPassword)
            .WithAuthority(a.AbsoluteUri, validateAuthority: false)
            // Instance discovery would ask login.microsoftonline.com about sovereign or test hosts.
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(http)
            .Build());
        try
        {
            var result = await app.AcquireTokenForClient([scope]).ExecuteAsync(ct);
            return result.AccessToken;
        }
        catch (MsalServiceException ex)
        {
            var transient = ex.StatusCode is 0 or 408 or 429 or >= 500;
            throw new ChatPlatformException($"no app token from {authority.Host} ({ex.ErrorCode})", permanent: !transient, ex.RetryAfter(), ex);
        }
        catch (MsalClientException ex)
        {
            throw new ChatPlatformException($"no app token from {authority.Host} ({ex.ErrorCode})", permanent: false, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatPlatformException($"the token endpoint {authority.Host} could not be reached", permanent: false, inner: ex);
        }
    }
}

/// <summary>Hands MSAL an HttpClient from the factory (pooled handlers, DNS refresh, test trust).</summary>
public sealed class MsalHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => clients.CreateClient(TeamsTokens.ClientName);
}

internal static class MsalRetryAfter
{
    public static TimeSpan? RetryAfter(this MsalServiceException ex) =>
        ex.Headers?.RetryAfter?.Delta;
}
