namespace ChatOps.Platforms.Teams;

/// <summary>Bound from <c>Teams</c>. Teams is enabled when the app id and password are set.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    public const string PublicAuthorityHost = "https://login.microsoftonline.com";

    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>Set for a single-tenant bot registration; empty means multi-tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>Graph team (group) id where incident channels are created.</summary>
    public string? TeamId { get; set; }

    public string? BroadcastChannel { get; set; }

    /// <summary>Connector base URL for proactive posts to a conversation no activity has told the URL of yet.</summary>
    public Uri ServiceUrl { get; set; } = new("https://smba.trafficmanager.net/teams/");

    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    public Uri? Authority { get; set; }

    public Uri GraphBaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0/");

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    public bool SingleTenant => !string.IsNullOrWhiteSpace(TenantId);

    /// <summary>Where Bot Connector tokens come from: the configured authority, else the tenant's (single-tenant) or botframework.com.</summary>
    public Uri BotAuthority => Authority ?? new Uri($"{PublicAuthorityHost}/{(SingleTenant ? TenantId : "botframework.com")}/");

    /// <summary>Graph tokens are always issued by the tenant that owns the team, on the same authority host.</summary>
    public Uri GraphAuthority(string tenantId) => new($"{BotAuthority.GetLeftPart(UriPartial.Authority)}/{Uri.EscapeDataString(tenantId)}/");

    /// <summary>"https://graph.microsoft.com/.default" for the configured Graph host (sovereign clouds differ).</summary>
    public string GraphScope => $"{GraphBaseUrl.GetLeftPart(UriPartial.Authority)}/.default";

    public IEnumerable<string> Validate()
    {
        var hasId = !string.IsNullOrWhiteSpace(AppId);
        var hasPassword = !string.IsNullOrWhiteSpace(AppPassword);
        if (hasId && !hasPassword)
        {
            yield return "Teams:AppPassword is required when Teams:AppId is set.";
        }

        if (hasPassword && !hasId)
        {
            yield return "Teams:AppId is required when Teams:AppPassword is set (tokens are checked against it).";
        }

        if (Authority is not null && Authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return "Teams:Authority must be an https URL (Microsoft.Identity.Client refuses anything else).";
        }

        if (!SecureOrLoopback(OpenIdMetadataUrl))
        {
            yield return "Teams:OpenIdMetadataUrl must be an https URL (plain http only on a loopback address).";
        }

        if (!SecureOrLoopback(GraphBaseUrl) || !SecureOrLoopback(ServiceUrl))
        {
            yield return "Teams:GraphBaseUrl and Teams:ServiceUrl must be https URLs (plain http only on a loopback address).";
        }
    }

    /// <summary>Bearer tokens and key material travel only over TLS, except to this machine (tests, a local proxy).</summary>
    public static bool SecureOrLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
