namespace ChatOps.Diagnostics.Commands;

/// <summary>
/// What one /diag command found, before rendering: a title, a one-line summary, sections of
/// lines (all of them; the renderer decides how many fit in chat), next steps and what could not be read.
/// </summary>
public sealed record DiagResult(
    string Title,
    string Summary,
    IReadOnlyList<DiagSection> Sections,
    IReadOnlyList<string> Next,
    IReadOnlyList<string> Missing,
    string Outcome,
    string? Verdict = null,
    IReadOnlyList<string>? Patterns = null)
{
    /// <summary>A command that could not read anything: the reason is the summary.</summary>
    public static DiagResult Failed(string title, string reason, IReadOnlyList<string>? next = null) =>
        new(title, reason, [], next ?? [], [], Audit.DiagnosticsOutcome.Failed);
}

public sealed record DiagSection(string Heading, IReadOnlyList<string> Lines);
