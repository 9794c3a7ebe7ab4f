using System.Globalization;
using System.Text;
using ChatOps.Incidents;
using ChatOps.Timeline;
using static ChatOps.Postmortems.Drafting.DraftFormat;

namespace ChatOps.Postmortems.Drafting;

/// <summary>The sections people write: each starts from prompts and the facts the timeline already shows.</summary>
internal static class DraftPrompts
{
    private sealed record GapType(string Name, string Question, string[] Words);

    private static readonly GapType[] GapTypes =
    [
        new("Process", "Did a change, upgrade or maintenance step start this? Was it announced and approved with enough notice?", ["upgrade", "deploy", "rollout", "release", "migration", "maintenance", "config"]),
        new("Testing", "Would a staging run, a canary or a dry run have caught it before production?", ["test", "staging", "canary", "dry run", "rollback", "roll back", "rolled back"]),
        new("Backup", "Were backups recent and restorable? Was a restore needed, and did it work?", ["backup", "restore", "snapshot"]),
        new("Runbook", "Was there a runbook for this, did responders find it, and did it work?", ["runbook", "playbook", "procedure", "docs"]),
        new("Monitoring", "Did alerting detect this before people did? Which signal would have shown it earlier?", ["alert", "monitor", "dashboard", "metric", "paged"]),
        new("Communication", "Were stakeholders updated on cadence, and did the right people join in time?", ["customer", "stakeholder", "status page", "announce"]),
    ];

    public static void ContributingFactors(StringBuilder sb, Incident i, IncidentFacts facts)
    {
        sb.Append("## Root cause and contributing factors\n\n");
        sb.Append("**Root cause:** *What technical condition made the failure possible? Describe mechanisms, not people.*\n\n");
        sb.Append("### Contributing factors\n\n");
        sb.Header("Gap type", "Question for the review", "Seen in the timeline");
        var said = facts.Entries.Where(e => e.IsKey && !e.IsDeleted && e.Kind is TimelineKind.Status or TimelineKind.Note or TimelineKind.Message or TimelineKind.Declared).ToList();
        foreach (var type in GapTypes)
        {
            sb.Row(type.Name, type.Question, Evidence(type, said, i, facts));
        }

        sb.Append('\n');
    }

    public static void FiveWhys(StringBuilder sb, Incident i)
    {
        sb.Append("## Five whys\n\n");
        sb.Append("1. Why did this happen: ").AppendEscaped(i.Title).Append("? *Answer.*\n");
        sb.Append("2. Why did that happen? *Answer.*\n");
        sb.Append("3. Why was it not prevented or caught earlier? *Answer.*\n");
        sb.Append("4. Why did our process, tests or monitoring allow that? *Answer.*\n");
        sb.Append("5. Why? *This answer is usually the root cause worth an action item.*\n\n");
    }

    public static void Reflection(StringBuilder sb, IncidentFacts facts)
    {
        sb.Append("## What went well\n\n");
        if (facts.MitigatedAt is { } m && facts.Entries.Count > 0)
        {
            sb.Append("- Impact was contained ").Append(Duration(m - facts.Entries[0].OccurredAt)).Append(" after the declaration.\n");
        }

        if (facts.StatusUpdates > 0 && facts.Gaps.Count == 0)
        {
            sb.Append("- Every status update came on cadence.\n");
        }

        var runs = facts.Entries.Count(e => e.Kind == TimelineKind.Diagnostics);
        if (runs > 0)
        {
            sb.Append("- ").Append(PostmortemDrafter.Plural(runs, "/diag run", "/diag runs")).Append(" captured evidence in the channel.\n");
        }

        sb.Append("- *What helped? Tools, people, practices worth keeping.*\n\n");

        sb.Append("## What went wrong\n\n");
        if (facts.Gaps.Count > 0)
        {
            sb.Append("- ").Append(PostmortemDrafter.Plural(facts.Gaps.Count, "status update was", "status updates were"))
                .Append(" overdue (").Append(Duration(facts.MissedTotal)).Append(" in total).\n");
        }

        if (facts.Sla.Breached)
        {
            sb.Append("- The monthly availability target of ").Append(Percent(facts.Sla.Target, 0)).Append(" was breached by this incident alone.\n");
        }

        if (facts.Reopens > 0)
        {
            sb.Append("- The incident was reopened ").Append(PostmortemDrafter.Plural(facts.Reopens, "time", "times")).Append(".\n");
        }

        var failures = facts.Entries.Count(e => e.Kind == TimelineKind.DeliveryFailed);
        if (failures > 0)
        {
            sb.Append("- ").Append(PostmortemDrafter.Plural(failures, "bot message", "bot messages")).Append(" could not be delivered.\n");
        }

        sb.Append("- *What slowed the response or made it worse?*\n\n");
        sb.Append("## Where we got lucky\n\n");
        sb.Append("- *What could have made this much worse, and did not, by chance rather than design?*\n\n");
    }

    public static void ActionItems(StringBuilder sb, IReadOnlyList<ActionItem> actions)
    {
        sb.Append("## Action items\n\n");
        if (actions.Count > 0)
        {
            sb.Header("#", "Action", "Owner", "Due", "Status");
            foreach (var a in actions.OrderBy(a => a.Id))
            {
                sb.Row(
                    Number(a.Id),
                    MarkdownText.Escape(a.Text),
                    a.OwnerId is null ? "*unassigned*" : Person(a.OwnerId),
                    a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "*no due date*",
                    a.Status == ActionItemStatus.Done ? "Done" : "Open");
            }

            sb.Append('\n');
        }
        else
        {
            sb.Append("No action items were recorded during the incident.\n\n");
        }

        sb.Append("*Every contributing factor above should end in an action item with an owner and a due date: /incident action &lt;text&gt; @owner due:YYYY-MM-DD.*\n\n");
    }

    private static string Evidence(GapType type, List<TimelineEntry> said, Incident i, IncidentFacts facts)
    {
        var sb = new StringBuilder();
        var hits = said.Where(e => type.Words.Any(w => ContainsWord(e.Text, w))).ToList();
        if (hits.Count > 0)
        {
            var first = hits[0];
            sb.Append("Mentioned in ").Append(PostmortemDrafter.Plural(hits.Count, "key event", "key events"))
                .Append(", first at ").Append(Clock(first.OccurredAt)).Append(": “").AppendEscaped(Shorten(first.Text)).Append("”. ");
        }

        switch (type.Name)
        {
            case "Runbook":
                var runs = facts.Entries.Count(e => e.Kind == TimelineKind.Diagnostics);
                sb.Append(PostmortemDrafter.Plural(runs, "/diag run", "/diag runs")).Append(" recorded.");
                break;
            case "Monitoring":
                sb.Append("First response ").Append(Since(i.DeclaredAt, facts.FirstResponseAt)).Append(" after the declaration.");
                break;
            case "Communication":
                sb.Append(PostmortemDrafter.Plural(facts.StatusUpdates, "status update", "status updates")).Append(", ")
                    .Append(PostmortemDrafter.Plural(facts.Gaps.Count, "missed-update gap", "missed-update gaps")).Append(", ")
                    .Append(PostmortemDrafter.Plural(facts.Reminders, "reminder", "reminders")).Append(", ")
                    .Append(PostmortemDrafter.Plural(facts.Escalations, "escalation", "escalations")).Append('.');
                break;
        }

        return sb.Length == 0 ? "—" : sb.ToString().TrimEnd();
    }

    private static string Shorten(string text)
    {
        if (text.Length <= 80)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[78]) ? 78 : 79;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>Whole words only: "test" should not match "latest".</summary>
    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end]) || text[end] is 's' or 'S'))
            {
                return true;
            }
        }

        return false;
    }
}
