namespace ChatOps.Diagnostics;

/// <summary>Bound from <c>Diagnostics</c>. With no allowed users nobody may run /diag.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>User ids (or Slack user-group ids, "S…", resolved when the command runs) allowed to run /diag.</summary>
    public IList<string> AllowedUsers { get; } = [];

    /// <summary>Namespace globs /diag may read; empty means all.</summary>
    public IList<string> AllowedNamespaces { get; } = [];

    /// <summary>Runs one user may start per <see cref="RateWindow"/>.</summary>
    public int RunsPerUser { get; set; } = 5;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Overall budget of /diag triage; whatever has not answered by then is reported as missing.</summary>
    public TimeSpan TriageDeadline { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>Items shown per section in chat; the rest goes into the attached file.</summary>
    public int MaxItems { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (RunsPerUser < 1)
        {
            yield return "Diagnostics:RunsPerUser must be at least 1.";
        }

        if (RateWindow <= TimeSpan.Zero)
        {
            yield return "Diagnostics:RateWindow must be positive.";
        }

        if (TriageDeadline < TimeSpan.FromSeconds(1) || TriageDeadline > TimeSpan.FromMinutes(5))
        {
            yield return "Diagnostics:TriageDeadline must be between 00:00:01 and 00:05:00.";
        }

        if (MaxItems is < 1 or > 50)
        {
            yield return "Diagnostics:MaxItems must be between 1 and 50.";
        }
    }
}
