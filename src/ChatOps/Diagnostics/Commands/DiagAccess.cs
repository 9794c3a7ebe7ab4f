using ChatOps.Diagnostics.Triage;
using Microsoft.Extensions.Options;

namespace ChatOps.Diagnostics.Commands;

/// <summary>Who may run /diag and where it may look: Diagnostics:AllowedUsers and AllowedNamespaces.</summary>
public sealed class DiagAccess(IOptions<DiagnosticsOptions> options)
{
    public NamespaceFilter Namespaces { get; } = new(options.Value.AllowedNamespaces);

    public bool IsListed(string userId) => options.Value.AllowedUsers.Contains(userId, StringComparer.Ordinal);

    /// <summary>Slack user-group ids ("S0…"): membership needs a platform call, so it is checked when the command runs, before any cluster call.</summary>
    public IReadOnlyList<string> Groups => options.Value.AllowedUsers.Where(u => u.Length > 1 && u[0] == 'S' && char.IsAsciiLetterOrDigit(u[1])).ToList();

    public bool NobodyAllowed => options.Value.AllowedUsers.Count == 0;

    public string Refusal =>
        NobodyAllowed
            ? "Nobody may run /diag yet: an operator has to list user ids in Diagnostics:AllowedUsers."
            : "You are not allowed to run /diag. Ask an operator to add you (or your user group) to Diagnostics:AllowedUsers.";
}
