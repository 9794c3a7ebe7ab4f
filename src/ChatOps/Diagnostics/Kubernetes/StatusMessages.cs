using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// Turns an error response into a <see cref="KubernetesApiException"/>. JSON is parsed only when the
/// server says it is JSON: APF 429s, aggregated-API 503s and load balancers answer in plain text or HTML.
/// </summary>
public static partial class StatusMessages
{
    public static KubernetesApiException FromResponse(int code, string? contentType, string body, string path)
    {
        string? message = null;
        string? reason = null;
        string? continueToken = null;
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    message = root.Str("message");
                    reason = root.Str("reason");
                    continueToken = root.TryGetProperty("metadata", out var m) ? m.Str("continue") : null;
                }
            }
            catch (JsonException)
            {
                // Not a Status after all: fall back to the plain-text handling below.
            }
        }

        message ??= PlainText(body);
        var failure = code switch
        {
            401 => KubernetesFailure.Unauthorized,
            403 => KubernetesFailure.Forbidden,
            404 => KubernetesFailure.NotFound,
            410 => KubernetesFailure.Expired,
            429 => KubernetesFailure.Throttled,
            400 or 422 => KubernetesFailure.BadRequest,
            503 => KubernetesFailure.Unavailable,
            504 => KubernetesFailure.Timeout,
            _ => KubernetesFailure.ServerError,
        };
        var text = failure switch
        {
            KubernetesFailure.Unauthorized =>
                $"the API server rejected the bot's credentials (401) on {path}: the token expired or was not re-read; the cluster itself may be fine",
            KubernetesFailure.Forbidden => Forbidden(message, path),
            KubernetesFailure.NotFound => $"not found (404) on {path}: {message}",
            KubernetesFailure.Throttled => $"the API server is throttling requests (429, API priority and fairness) on {path}: {message}",
            KubernetesFailure.Expired => $"the list continue token expired (410) on {path}",
            KubernetesFailure.Unavailable => $"{path} is unavailable (503): {message}",
            KubernetesFailure.Timeout => $"the API server timed out (504) on {path}: {message}",
            _ => $"HTTP {code}{(reason is null ? string.Empty : " " + reason)} on {path}: {message}",
        };
        return new KubernetesApiException(text, failure, code, continueToken);
    }

    /// <summary>"missing permission: list pods (API group "") at the cluster scope", with the server's own text after it.</summary>
    public static string Forbidden(string message, string path)
    {
        var match = ForbiddenResource().Match(message);
        if (match.Success)
        {
            var group = match.Groups["group"].Value;
            var where = match.Groups["ns"].Success ? $"in namespace {match.Groups["ns"].Value}" : "at the cluster scope";
            return $"forbidden (403): the bot's account ({match.Groups["user"].Value}) is missing permission to {match.Groups["verb"].Value} "
                + $"{match.Groups["resource"].Value}{(group.Length == 0 ? string.Empty : "." + group)} {where}; grant it in the ClusterRole (manifests/rbac.yaml)";
        }

        var path403 = ForbiddenPath().Match(message);
        return path403.Success
            ? $"forbidden (403): the bot's account ({path403.Groups["user"].Value}) is missing permission to {path403.Groups["verb"].Value} the path {path403.Groups["path"].Value} (nonResourceURLs in the ClusterRole)"
            : $"forbidden (403) on {path}: {message}";
    }

    private static string PlainText(string body)
    {
        var text = body.Trim();
        if (text.StartsWith('<'))
        {
            // An HTML page from a proxy or load balancer: its title is the useful part.
            var title = HtmlTitle().Match(text);
            text = title.Success ? title.Groups[1].Value.Trim() : "an HTML error page (a proxy or load balancer in front of the API server?)";
        }

        return text.Length > 300 ? text[..300] + "…" : text;
    }

    internal static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"User ""(?<user>[^""]*)"" cannot (?<verb>\S+) resource ""(?<resource>[^""]+)"" in API group ""(?<group>[^""]*)""(?: in the namespace ""(?<ns>[^""]+)"")?", RegexOptions.CultureInvariant)]
    private static partial Regex ForbiddenResource();

    [GeneratedRegex(@"User ""(?<user>[^""]*)"" cannot (?<verb>\S+) path ""(?<path>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex ForbiddenPath();

    [GeneratedRegex(@"<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTitle();
}
