using System.Globalization;
using System.Text.Json;

namespace ChatOps.Diagnostics.Triage;

/// <summary>
/// Tolerant readers for Kubernetes JSON: zero values are omitted on the wire, unknown fields are
/// ignored, enum-like strings stay strings, and a missing path is null rather than an exception.
/// </summary>
internal static class Json
{
    public static JsonElement? Path(this JsonElement e, params string[] names)
    {
        var current = e;
        foreach (var name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public static string? Str(this JsonElement e, params string[] names) =>
        e.Path(names) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static long Long(this JsonElement e, params string[] names) =>
        e.Path(names) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : 0;

    public static bool Bool(this JsonElement e, params string[] names) =>
        e.Path(names) is { ValueKind: JsonValueKind.True };

    public static DateTimeOffset? Time(this JsonElement e, params string[] names) =>
        e.Str(names) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static IEnumerable<JsonElement> Array(this JsonElement e, params string[] names) =>
        e.Path(names) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    public static string Name(this JsonElement e) => e.Str("metadata", "name") ?? "?";

    public static string Namespace(this JsonElement e) => e.Str("metadata", "namespace") ?? string.Empty;

    /// <summary>The condition of a type in status.conditions, if present.</summary>
    public static JsonElement? Condition(this JsonElement e, string type) =>
        e.Array("status", "conditions").Cast<JsonElement?>().FirstOrDefault(c => c!.Value.Str("type") == type);

    public static string? Label(this JsonElement e, string key) => e.Str("metadata", "labels", key);
}
