using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.IntegrationTests.Fakes.Teams;

/// <summary>
/// The Bot Connector's side of channel-to-bot authentication: RSA signing keys published as a JWKS
/// (with Teams' extra "endorsements"), and tokens minted the way the Connector mints them, or
/// forged in one particular way for the negative tests.
/// </summary>
public sealed class FakeTeamsKeys
{
    public const string Issuer = "https://api.botframework.com";
    public const string Kid = "fake-connector-key-1";

    private readonly List<(string Kid, RsaSecurityKey Key, string[] Endorsements)> _published = [];

    public FakeTeamsKeys()
    {
        Publish(Kid, ["msteams"]);
    }

    /// <summary>A key the JWKS does not list, claiming the published key id: tokens signed by it are forgeries.</summary>
    public RsaSecurityKey Unpublished { get; } = NewKey(Kid);

    public RsaSecurityKey Current => _published[0].Key;

    /// <summary>How many times the JWKS was fetched.</summary>
    public int Fetches { get; internal set; }

    /// <summary>Publishes a new key (rotation); returns it.</summary>
    public RsaSecurityKey Publish(string kid, string[] endorsements)
    {
        var key = NewKey(kid);
        lock (_published)
        {
            _published.Add((kid, key, endorsements));
        }

        return key;
    }

    public RsaSecurityKey KeyOf(string kid)
    {
        lock (_published)
        {
            return _published.Single(p => p.Kid == kid).Key;
        }
    }

    public JsonObject Jwks()
    {
        lock (_published)
        {
            return new JsonObject
            {
                ["keys"] = new JsonArray([.. _published.Select(p =>
                {
                    var parameters = p.Key.Rsa.ExportParameters(false);
                    return (JsonNode)new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = p.Kid,
                        ["x5t"] = p.Kid,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new JsonArray([.. p.Endorsements.Select(e => (JsonNode)e)]),
                    };
                })]),
            };
        }
    }

    /// <summary>A token as the Connector sends it, with any part overridden.</summary>
    public string Mint(string appId, string serviceUrl, DateTimeOffset now, string? audience = null, string? issuer = null,
        TimeSpan? expiresIn = null, RsaSecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha256, bool withServiceUrl = true)
    {
        var signing = key ?? Current;
        var claims = new Dictionary<string, object> { ["appid"] = "fake-connector-app", ["ver"] = "1.0" };
        if (withServiceUrl)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(60));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? appId,
            IssuedAt = (expires - TimeSpan.FromMinutes(65)).UtcDateTime,
            NotBefore = (expires - TimeSpan.FromMinutes(65)).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signing, algorithm),
        });
    }

    /// <summary>An unsigned token ("alg":"none") that otherwise looks right.</summary>
    public static string Unsigned(string appId, string serviceUrl, DateTimeOffset now)
    {
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($$"""{"alg":"none","typ":"JWT","kid":"{{Kid}}"}"""));
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = appId, ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(60).ToUnixTimeSeconds(),
        }.ToJsonString()));
        return $"{header}.{payload}.";
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };
}
