using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatOps.Chat;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>Tolerant readers for Slack payloads: a missing or oddly typed field is null, never an exception.</summary>
public static class SlackJson
{
    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? InboundText.WithoutNul(value.GetString())
            : null;

    public static JsonElement Obj(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>An application/x-www-form-urlencoded body, decoded once the signature has been checked on the raw bytes.</summary>
    public static Dictionary<string, string> ParseForm(byte[] body)
    {
        var parsed = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        return parsed.ToDictionary(kv => kv.Key, kv => InboundText.WithoutNul(kv.Value.ToString())!, StringComparer.Ordinal);
    }

    /// <summary>
    /// A Slack ts ("1355517523.000005": seconds and microseconds) as an instant. The string itself
    /// stays the message id; this is only for ordering and display.
    /// </summary>
    public static DateTimeOffset? TsToInstant(string? ts)
    {
        if (string.IsNullOrEmpty(ts))
        {
            return null;
        }

        var dot = ts.IndexOf('.', StringComparison.Ordinal);
        var secondsPart = dot < 0 ? ts : ts[..dot];
        var fraction = dot < 0 ? string.Empty : ts[(dot + 1)..];
        if (!long.TryParse(secondsPart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253402300799
            || (fraction.Length > 0 && !fraction.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var micros = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(6, '0')[..6], CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * 10);
    }
}
