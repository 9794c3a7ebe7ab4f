namespace ChatOps.Platforms.Teams;

/// <summary>Bound from <c>Teams</c>. Teams is enabled when the app id and password are set.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>Set for a single-tenant bot registration; empty means multi-tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>Graph team (group) id where incident channels are created.</summary>
    public string? TeamId { get; set; }

    public string? BroadcastChannel { get; set; }

    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    public Uri? Authority { get; set; }

    public Uri GraphBaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0/");

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

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
    }
}
