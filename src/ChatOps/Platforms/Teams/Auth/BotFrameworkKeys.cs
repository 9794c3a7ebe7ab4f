using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Platforms.Teams.Auth;

/// <summary>The Bot Connector's issuer and signing keys, each with the channels it is endorsed for.</summary>
public sealed record BotSigningKeys(string Issuer, IReadOnlyDictionary<string, (SecurityKey Key, IReadOnlyList<string> Endorsements)> Keys, DateTimeOffset FetchedAt);

/// <summary>
/// OpenID metadata and JWKS from <c>Teams:OpenIdMetadataUrl</c>, cached for 24 hours (keys may
/// rotate any time) and fetched again when a token names a key id we do not know: at once the
/// first time, then at most every five minutes so random key ids cannot make us hammer the
/// endpoint. Both documents are fetched over HTTPS only (plain http on loopback, for tests).
/// </summary>
public sealed partial class BotFrameworkKeys(IHttpClientFactory clients, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkKeys> logger)
{
    public const string ClientName = "teams-openid";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private BotSigningKeys? _current;
    private DateTimeOffset? _lastUnknownKeyRefresh;

    public async Task<BotSigningKeys> GetAsync(string? kid, CancellationToken ct)
    {
        var current = _current;
        if (current is not null && !Stale(current) && (kid is null || current.Keys.ContainsKey(kid)))
        {
            return current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            current = _current;
            var now = clock.GetUtcNow();
            if (current is null || Stale(current))
            {
                _current = current = await FetchAsync(ct);
            }
            else if (kid is not null && !current.Keys.ContainsKey(kid)
                && (_lastUnknownKeyRefresh is null || now - _lastUnknownKeyRefresh >= UnknownKeyRefreshInterval))
            {
                _lastUnknownKeyRefresh = now;
                LogUnknownKey(logger, kid);
                _current = current = await FetchAsync(ct);
            }

            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Stale(BotSigningKeys keys) => clock.GetUtcNow() - keys.FetchedAt >= MaxAge;

    private async Task<BotSigningKeys> FetchAsync(CancellationToken ct)
    {
        var metadataUrl = options.Value.OpenIdMetadataUrl;
        var metadata = OpenIdConnectConfiguration.Create(await GetStringAsync(metadataUrl, ct));
        if (string.IsNullOrEmpty(metadata.Issuer) || !Uri.TryCreate(metadata.JwksUri, UriKind.Absolute, out var jwksUrl))
        {
            throw new InvalidOperationException($"the OpenID metadata at {metadataUrl} has no issuer or jwks_uri");
        }

        var jwks = await GetStringAsync(jwksUrl, ct);
        var keys = new Dictionary<string, (SecurityKey, IReadOnlyList<string>)>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwks);
        if (document.RootElement.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in array.EnumerateArray())
            {
                var key = new JsonWebKey(element.GetRawText());
                if (string.IsNullOrEmpty(key.Kid) || key.Kty != JsonWebAlgorithmsKeyTypes.RSA)
                {
                    continue;
                }

                var endorsements = element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                    : [];
                keys[key.Kid] = (key, endorsements);
            }
        }

        return new BotSigningKeys(metadata.Issuer, keys, clock.GetUtcNow());
    }

    private async Task<string> GetStringAsync(Uri url, CancellationToken ct)
    {
        if (!TeamsOptions.SecureOrLoopback(url))
        {
            throw new InvalidOperationException($"refusing to fetch signing metadata over plain http from {url}");
        }

        using var response = await clients.CreateClient(ClientName).GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A Bot Framework token names the unknown key id {Kid}; fetching the signing keys again")]
    private static partial void LogUnknownKey(ILogger logger, string kid);
}
