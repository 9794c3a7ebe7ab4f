using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOps.Platforms.Slack.Inbound;

public enum SignatureVerdict
{
    Valid,
    MissingHeaders,
    NoSecret,
    MalformedTimestamp,
    Stale,
    UnknownVersion,
    Mismatch,
}

/// <summary>
/// Slack's request signature: "v0=" + hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}")), with the
/// timestamp within five minutes either way of now. Fails closed: no secret, no header, no pass.
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    /// <summary>The timestamp check alone, so a stale request is refused before its body is read.</summary>
    public static SignatureVerdict CheckTimestamp(string? timestamp, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp))
        {
            return SignatureVerdict.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureVerdict.MalformedTimestamp;
        }

        return Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)MaxSkew.TotalSeconds ? SignatureVerdict.Stale : SignatureVerdict.Valid;
    }

    public static SignatureVerdict Verify(string? secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureVerdict.NoSecret;
        }

        if (string.IsNullOrEmpty(signature))
        {
            return SignatureVerdict.MissingHeaders;
        }

        var time = CheckTimestamp(timestamp, now);
        if (time != SignatureVerdict.Valid)
        {
            return time;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SignatureVerdict.UnknownVersion;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp!, body));
        var actual = Encoding.ASCII.GetBytes(signature);
        return expected.Length == actual.Length && CryptographicOperations.FixedTimeEquals(expected, actual)
            ? SignatureVerdict.Valid
            : SignatureVerdict.Mismatch;
    }

    /// <summary>The header value Slack would send for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return $"{Version}=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }
}
