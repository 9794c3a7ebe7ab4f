using System.Text.RegularExpressions;

namespace ChatOps.Diagnostics.Triage;

/// <summary>Diagnostics:AllowedNamespaces as globs ("team-*", "shop"); empty allows every namespace.</summary>
public sealed class NamespaceFilter
{
    private readonly Regex[] _patterns;

    public NamespaceFilter(IEnumerable<string> globs)
    {
        Globs = globs.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).ToList();
        _patterns = Globs
            .Select(g => new Regex("^" + Regex.Escape(g).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)))
            .ToArray();
    }

    public static NamespaceFilter All { get; } = new([]);

    public IReadOnlyList<string> Globs { get; }

    public bool AllowsAll => _patterns.Length == 0;

    /// <summary>Cluster-scoped objects (empty namespace) are always allowed.</summary>
    public bool Allows(string? ns) => AllowsAll || string.IsNullOrEmpty(ns) || _patterns.Any(p => p.IsMatch(ns));
}
