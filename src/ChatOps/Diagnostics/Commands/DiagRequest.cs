using ChatOps.Chat.Commands;

namespace ChatOps.Diagnostics.Commands;

/// <summary>A parsed /diag command line: subcommand, optional namespace or namespace/name, and cluster.</summary>
public sealed record DiagRequest(string Sub, string? Namespace, string? Name, string? Cluster)
{
    public const string Grammar =
        "/diag triage | nodes | pods [ns] | events [ns] | dns | controlplane | workload <ns>/<name> | hpa [ns] | quota [ns] | help  [--cluster <name>]";

    public static readonly IReadOnlyList<HelpLine> Help =
    [
        new("/diag triage", "60-second assessment: whole cluster down or one component failing, which pattern, what next"),
        new("/diag nodes", "node readiness, pressure and cordons"),
        new("/diag pods [ns]", "unhealthy pods (crash loops, image pulls, pending) in a namespace or everywhere"),
        new("/diag events [ns]", "Warning events of the last hour by reason"),
        new("/diag dns", "CoreDNS deployment, pods and kube-dns endpoints"),
        new("/diag controlplane", "API server health checks, version, scheduler and controller-manager leases"),
        new("/diag workload <ns>/<name>", "one Deployment, StatefulSet or DaemonSet with its pods and events"),
        new("/diag hpa [ns]", "autoscalers: at maximum, blind (no metrics)"),
        new("/diag quota [ns]", "resource quotas and what is at its limit"),
        new("--cluster <name>", "any subcommand, on another configured cluster (default: the first)"),
    ];

    private static readonly HashSet<string> Subs = new(StringComparer.Ordinal)
    {
        "triage", "nodes", "pods", "events", "dns", "controlplane", "workload", "hpa", "quota",
    };

    /// <summary>Null with <paramref name="problem"/> set when the text is not a valid command.</summary>
    public static DiagRequest? Parse(string text, out string? problem)
    {
        problem = null;
        var words = new CommandText(text);
        var cluster = words.TakeOption("cluster");
        var sub = words.NextWord().ToLowerInvariant();
        if (sub is "control-plane" or "cp")
        {
            sub = "controlplane";
        }

        if (sub is "" or "help")
        {
            return new DiagRequest("help", null, null, cluster);
        }

        if (!Subs.Contains(sub))
        {
            problem = $"I don't know /diag {sub}.";
            return null;
        }

        var argument = words.NextWord();
        if (!words.IsEmpty)
        {
            problem = $"/diag {sub} takes {(sub == "workload" ? "one <namespace>/<name>" : "at most one namespace")}, not \"{words.Rest}\".";
            return null;
        }

        switch (sub)
        {
            case "workload":
                var slash = argument.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == argument.Length - 1 || !IsName(argument[..slash]) || !IsName(argument[(slash + 1)..]))
                {
                    problem = "/diag workload needs <namespace>/<name>, for example shop/checkout.";
                    return null;
                }

                return new DiagRequest(sub, argument[..slash], argument[(slash + 1)..], cluster);
            case "pods" or "events" or "hpa" or "quota":
                if (argument.Length > 0 && !IsName(argument))
                {
                    problem = $"\"{argument}\" is not a namespace name.";
                    return null;
                }

                return new DiagRequest(sub, argument.Length == 0 ? null : argument, null, cluster);
            default:
                if (argument.Length > 0)
                {
                    problem = $"/diag {sub} takes no argument.";
                    return null;
                }

                return new DiagRequest(sub, null, null, cluster);
        }
    }

    /// <summary>The subcommand and its argument without "/diag" or the cluster ("workload shop/checkout"): the timeline's command field.</summary>
    public string Args => Sub + (Namespace is null ? string.Empty : " " + Namespace + (Name is null ? string.Empty : "/" + Name));

    /// <summary>The line as it is audited: "/diag pods shop --cluster prod".</summary>
    public string Line(string cluster) => $"/diag {Args} --cluster {cluster}";

    // DNS-1123 labels/subdomains: what Kubernetes accepts as namespace and object names.
    private static bool IsName(string s) =>
        s.Length is > 0 and <= 253 && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.') && char.IsAsciiLetterOrDigit(s[0]);
}
