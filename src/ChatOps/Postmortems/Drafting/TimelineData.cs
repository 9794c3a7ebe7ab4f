using System.Globalization;
using System.Text.Json;

namespace ChatOps.Postmortems.Drafting;

/// <summary>
/// Reads the kind-specific JSON of timeline entries (docs/architecture.md). Other features write
/// it, so reading is lenient: a missing or malformed field is simply absent.
/// </summary>
internal static class TimelineData
{
    public static string? Text(string? data, string field)
    {
        if (!TryRead(data, field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            _ => null,
        };
    }

    public static int? Int(string? data, string field) =>
        int.TryParse(Text(data, field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateTimeOffset? Instant(string? data, string field) =>
        DateTimeOffset.TryParse(Text(data, field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    private static bool TryRead(string? data, string field, out JsonElement value)
    {
        value = default;
        if (string.IsNullOrEmpty(data) || data[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.TryGetProperty(field, out var found))
            {
                value = found.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // Not ours to fix: the entry is shown without the detail.
        }

        return false;
    }
}
