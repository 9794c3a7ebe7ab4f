using System.Text.RegularExpressions;

namespace ChatOps.Diagnostics;

/// <summary>
/// Masks what looks like a credential in text read from the cluster (event messages, container
/// states, conditions) before it reaches a chat. The bot never reads Secrets, ConfigMap data, env
/// values, annotations or arguments; this catches credentials that leak into messages anyway.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "[redacted]";

    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cleaned = Bearer().Replace(text, m => m.Groups[1].Value + Mask);
        cleaned = KeyValue().Replace(cleaned, m => m.Groups["key"].Value + m.Groups["sep"].Value + Mask);
        cleaned = UrlCredentials().Replace(cleaned, m => m.Groups[1].Value + Mask + "@");
        cleaned = Jwt().Replace(cleaned, Mask);
        cleaned = AwsKey().Replace(cleaned, Mask);
        cleaned = PrivateKey().Replace(cleaned, Mask);
        cleaned = KnownTokens().Replace(cleaned, Mask);
        return cleaned;
    }

    [GeneratedRegex(@"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();

    // password=..., token: ..., "secret":"...", api_key=..., AWS_SECRET_ACCESS_KEY=...
    [GeneratedRegex(@"(?<key>\b[\w.-]*(?:passw(?:or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth)[\w.-]*""?)(?<sep>\s*[:=]\s*""?)(?!\[redacted\])[^\s""',;&}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKey();

    // Slack, GitHub and GitLab tokens have recognisable prefixes.
    [GeneratedRegex(@"\b(?:xox[abposr]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex KnownTokens();
}
