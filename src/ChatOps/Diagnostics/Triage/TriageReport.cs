namespace ChatOps.Diagnostics.Triage;

public enum TriageVerdict
{
    Healthy,
    ComponentFailures,
    DegradedControlPlane,
    ClusterWideOutage,
    Unknown,
}

public enum PatternScope
{
    Component,
    ControlPlane,
    ClusterWide,
}

/// <summary>A recognised failure pattern: what it is, why we think so, and what to run next.</summary>
public sealed record Pattern(string Id, string Title, PatternScope Scope, string Summary, IReadOnlyList<string> Evidence, IReadOnlyList<string> Next);

/// <summary>The answer of /diag triage: verdict first, then patterns in rule order (the first is the headline).</summary>
public sealed record TriageReport(
    TriageVerdict Verdict,
    string Headline,
    IReadOnlyList<Pattern> Patterns,
    IReadOnlyList<string> Summary,
    IReadOnlyList<string> Next,
    IReadOnlyList<string> Missing)
{
    public static string Describe(TriageVerdict verdict) => verdict switch
    {
        TriageVerdict.Healthy => "HEALTHY",
        TriageVerdict.ComponentFailures => "COMPONENT FAILURES",
        TriageVerdict.DegradedControlPlane => "DEGRADED CONTROL PLANE",
        TriageVerdict.ClusterWideOutage => "CLUSTER-WIDE OUTAGE",
        _ => "UNKNOWN",
    };
}
