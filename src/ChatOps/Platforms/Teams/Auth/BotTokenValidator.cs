using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Platforms.Teams.Auth;

/// <summary>What the channel's token vouches for, once its signature, issuer, audience and lifetime hold.</summary>
public sealed record BotCaller(string Kid, IReadOnlyList<string> Endorsements, string? ServiceUrl)
{
    /// <summary>
    /// The checks that need the activity: the signing key is endorsed for its channel, and the
    /// token was issued for its serviceUrl (so a replayed token cannot redirect our replies).
    /// </summary>
    public string? Refuse(string? channelId, string? serviceUrl)
    {
        if (string.IsNullOrEmpty(channelId) || !Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
        {
            return $"the signing key {Kid} is not endorsed for the channel '{channelId}'";
        }

        if (ServiceUrl is null)
        {
            return "the token has no serviceurl claim";
        }

        return string.Equals(ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase) ? null : "the serviceurl claim does not match the activity";
    }
}

/// <summary>
/// Validates the Bot Connector's bearer token (Bot Framework authentication, channel to bot):
/// RS256/384/512 signature by a published key, issuer from the metadata, audience = our app id,
/// lifetime with five minutes of skew measured on the injected clock. There is no switch to
/// turn any of this off.
/// </summary>
public sealed class BotTokenValidator(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The caller, or the reason the header is refused.</summary>
    public async Task<(BotCaller? Caller, string? Refusal)> ValidateAsync(string? authorization, CancellationToken ct)
    {
        var parts = (authorization ?? string.Empty).Split(' ');
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return (null, string.IsNullOrEmpty(authorization) ? "No Authorization header" : "The Authorization header is not 'Bearer <token>'");
        }

        string? kid;
        string alg;
        try
        {
            var unverified = new JsonWebToken(parts[1]);
            kid = unverified.Kid;
            alg = unverified.Alg;
        }
        catch (ArgumentException)
        {
            return (null, "The token is not a well-formed JWT");
        }

        if (!Algorithms.Contains(alg, StringComparer.Ordinal))
        {
            return (null, $"Token signing algorithm '{alg}' not in allowed list");
        }

        if (string.IsNullOrEmpty(kid))
        {
            return (null, "The token names no signing key");
        }

        var published = await keys.GetAsync(kid, ct);
        if (!published.Keys.TryGetValue(kid, out var key))
        {
            return (null, $"The signing key {kid} is not published");
        }

        var result = await _handler.ValidateTokenAsync(parts[1], new TokenValidationParameters
        {
            ValidIssuer = published.Issuer,
            ValidAudience = options.Value.AppId,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = Lifetime,
        });
        if (!result.IsValid)
        {
            return (null, result.Exception?.GetType().Name switch
            {
                nameof(SecurityTokenInvalidAudienceException) => "Invalid AppId passed on token",
                nameof(SecurityTokenInvalidIssuerException) => "The token's issuer is not the Bot Connector",
                nameof(SecurityTokenInvalidLifetimeException) or nameof(SecurityTokenExpiredException) => "The token has expired or is not yet valid",
                _ => "The token's signature or claims are not valid",
            });
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        return (new BotCaller(kid, key.Endorsements, serviceUrl), null);
    }

    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + ClockSkew && (notBefore is not { } nbf || nbf <= now + ClockSkew);
    }
}
