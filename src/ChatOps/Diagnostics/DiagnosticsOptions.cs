namespace ChatOps.Diagnostics;

/// <summary>Bound from <c>Diagnostics</c>. With no allowed users nobody may run /diag.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>User ids (or Slack user-group ids) allowed to run /diag.</summary>
    public IList<string> AllowedUsers { get; } = [];

    /// <summary>Namespace globs /diag may read; empty means all.</summary>
    public IList<string> AllowedNamespaces { get; } = [];
}
