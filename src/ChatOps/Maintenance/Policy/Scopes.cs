namespace ChatOps.Maintenance.Policy;

/// <summary>
/// A scope is free text naming clusters or services, comma-separated ("prod-eu, payments").
/// Two windows share a scope when they name a common item (case and spacing ignored); windows
/// without a scope share the scope "everything" with each other only.
/// </summary>
public static class Scopes
{
    public static IReadOnlySet<string> Items(string? scope) =>
        (scope ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
            .Where(s => s.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    public static bool Shared(string? a, string? b)
    {
        var left = Items(a);
        var right = Items(b);
        return (left.Count == 0 && right.Count == 0) || left.Overlaps(right);
    }

    /// <summary>How a scope is written back: trimmed, or null when none was given.</summary>
    public static string? Normalize(string? scope) =>
        Items(scope).Count == 0 ? null : string.Join(", ", scope!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0));

    public static string Describe(string? scope) => Normalize(scope) ?? "everything (no scope given)";
}
