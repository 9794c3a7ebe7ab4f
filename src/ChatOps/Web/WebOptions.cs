using System.Net;

namespace ChatOps.Web;

/// <summary>Bound from <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The local playground; on by default only when no chat platform is configured.</summary>
    public bool? Playground { get; set; }

    /// <summary>How often an open incident's page reloads itself, in seconds.</summary>
    public int RefreshSeconds { get; set; } = 30;

    public WebAccessOptions Access { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (RefreshSeconds is < 5 or > 3600)
        {
            yield return "Web:RefreshSeconds must be between 5 and 3600.";
        }

        foreach (var error in Access.Validate())
        {
            yield return error;
        }
    }
}

/// <summary>
/// Who may see pages and /api from elsewhere than this machine. Without any of these, only
/// loopback requests are answered.
/// </summary>
public sealed class WebAccessOptions
{
    /// <summary>Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For and user header are believed.</summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Header a trusted authenticating proxy sets to the signed-in user (for example X-Auth-Request-Email).</summary>
    public string? UserHeader { get; set; }

    public SlackSignInOptions SlackSignIn { get; set; } = new();

    public bool UsesProxyUser => !string.IsNullOrWhiteSpace(UserHeader);

    /// <summary>Whether any way of signing in is configured; then loopback requests get no free pass.</summary>
    public bool RequiresSignIn => UsesProxyUser || SlackSignIn.Enabled;

    public IReadOnlyList<IPNetwork> ParsedProxies() =>
        [.. TrustedProxies.Select(p => TryParseNetwork(p, out var n) ? (IPNetwork?)n : null).OfType<IPNetwork>()];

    public IEnumerable<string> Validate()
    {
        foreach (var proxy in TrustedProxies.Where(p => !TryParseNetwork(p, out _)))
        {
            yield return $"Web:Access:TrustedProxies has '{proxy}', which is not an IP address or CIDR range.";
        }

        if (UsesProxyUser && TrustedProxies.Count == 0)
        {
            yield return "Web:Access:TrustedProxies is required when Web:Access:UserHeader is set (anyone could send the header otherwise).";
        }

        foreach (var error in SlackSignIn.Validate())
        {
            yield return error;
        }
    }

    internal static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}

/// <summary>"Sign in with Slack" (OpenID Connect), limited to one workspace.</summary>
public sealed class SlackSignInOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The workspace (team) id, T...; members of other workspaces are refused.</summary>
    public string? TeamId { get; set; }

    public Uri Authority { get; set; } = new("https://slack.com");

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<string> Validate()
    {
        if (Enabled && string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return "Web:Access:SlackSignIn:ClientSecret is required when Web:Access:SlackSignIn:ClientId is set.";
        }

        if (Enabled && string.IsNullOrWhiteSpace(TeamId))
        {
            yield return "Web:Access:SlackSignIn:TeamId is required when sign-in with Slack is on (otherwise any Slack user could sign in).";
        }

        if (!Enabled && !string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return "Web:Access:SlackSignIn:ClientId is required when Web:Access:SlackSignIn:ClientSecret is set.";
        }

        if (!Authority.IsAbsoluteUri || (Authority.Scheme != Uri.UriSchemeHttps && !Authority.IsLoopback))
        {
            yield return "Web:Access:SlackSignIn:Authority must be an absolute https URL (http only for loopback test servers).";
        }
    }
}
