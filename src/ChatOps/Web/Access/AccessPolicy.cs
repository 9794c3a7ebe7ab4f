using System.Net;

namespace ChatOps.Web.Access;

public enum AccessVerdict
{
    Allow,

    /// <summary>Send the browser to "Sign in with Slack".</summary>
    Challenge,
    Refuse,
}

public sealed record AccessDecision(AccessVerdict Verdict, string? User = null, string? Reason = null);

/// <summary>What a request to the dashboard, the playground or /api needs. Pure, so every rule has a unit test.</summary>
public sealed class AccessPolicy(WebAccessOptions options)
{
    private readonly IReadOnlyList<IPNetwork> _proxies = options.ParsedProxies();

    /// <summary>
    /// Paths that never show incident data to a stranger or authenticate on their own: platform
    /// webhooks (signed), probes, the maintenance calendar (a feed calendar services fetch without a
    /// login; it holds only window titles and times), stylesheet and scripts.
    /// </summary>
    public static bool IsOpen(PathString path) =>
        path.StartsWithSegments("/slack") || path.StartsWithSegments("/api/messages") || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/readyz") || path.Equals("/maintenance.ics", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/assets") || path.StartsWithSegments("/favicon.ico");

    public AccessDecision Decide(PathString path, string method, IPAddress? peer, string? forwardedFor, string? proxyUser, string? signedInUser, string? host = "localhost")
    {
        if (IsOpen(path))
        {
            return new(AccessVerdict.Allow);
        }

        if (signedInUser is not null)
        {
            return new(AccessVerdict.Allow, signedInUser);
        }

        var fromProxy = peer is not null && IsTrusted(peer);
        if (fromProxy && options.UsesProxyUser && !string.IsNullOrWhiteSpace(proxyUser))
        {
            return new(AccessVerdict.Allow, proxyUser.Trim());
        }

        var client = fromProxy ? ClientBehindProxy(forwardedFor, peer!) : peer;
        if (!options.RequiresSignIn && client is not null && IPAddress.IsLoopback(client))
        {
            // A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) reaches us
            // from loopback too, but under its own host name: only local names get the free pass.
            return IsLocalName(host)
                ? new(AccessVerdict.Allow)
                : new(AccessVerdict.Refuse, Reason: $"Local requests must address this machine as localhost, 127.0.0.1 or [::1], not '{Short(host)}'.");
        }

        if (options.SlackSignIn.Enabled && HttpMethods.IsGet(method) && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/playground/api"))
        {
            return new(AccessVerdict.Challenge);
        }

        return new(AccessVerdict.Refuse, Reason: Why(client));
    }

    private string Why(IPAddress? client)
    {
        var from = client is null ? "an unknown address" : client.ToString();
        return options.RequiresSignIn
            ? $"Sign-in required: this request from {from} is not signed in{(options.UsesProxyUser ? $" and carries no {options.UserHeader} header from a trusted proxy" : string.Empty)}."
            : $"ChatOps shows incidents only to requests from this machine unless sign-in is configured, and this request came from {from}. "
              + "Configure Web:Access:SlackSignIn or Web:Access:UserHeader with Web:Access:TrustedProxies (README: Dashboard access).";
    }

    private static bool IsLocalName(string? host)
    {
        var name = HostString.FromUriComponent(host ?? string.Empty).Host;
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static string Short(string? text) => text is null ? string.Empty : text.Length > 60 ? text[..60] : text;

    private bool IsTrusted(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _proxies.Any(n => n.Contains(a));
    }

    /// <summary>The nearest address in X-Forwarded-For that is not one of our proxies; null when it cannot be read.</summary>
    private IPAddress? ClientBehindProxy(string? forwardedFor, IPAddress peer)
    {
        if (string.IsNullOrWhiteSpace(forwardedFor))
        {
            return peer;
        }

        var hops = forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        IPAddress? client = peer;
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                return null;
            }

            client = hop;
            if (!IsTrusted(hop))
            {
                break;
            }
        }

        return client;
    }
}
