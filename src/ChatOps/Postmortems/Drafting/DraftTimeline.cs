using System.Text;
using ChatOps.Incidents;
using ChatOps.Timeline;
using static ChatOps.Postmortems.Drafting.DraftFormat;

namespace ChatOps.Postmortems.Drafting;

/// <summary>The sections read straight off the timeline: key events, /diag runs and the full transcript.</summary>
internal static class DraftTimeline
{
    /// <summary>Key events with their latest wording (the transcript keeps every version).</summary>
    public static void KeyEvents(StringBuilder sb, IncidentFacts facts, IReadOnlyList<TimelineRevision> revisions)
    {
        var latest = revisions.GroupBy(r => r.EntryId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.EditedAt).ThenBy(r => r.Id).Last().Text);
        sb.Append("## Timeline (UTC)\n\n");
        sb.Header("Time (UTC)", "Event", "By", "Details");
        foreach (var e in facts.Entries)
        {
            if (KeyLabel(e) is not { } label)
            {
                continue;
            }

            var details = new StringBuilder();
            if (e.IsDeleted)
            {
                details.Append("*(deleted)* ");
            }

            var edited = latest.TryGetValue(e.Id, out var text);
            AppendDetails(details, edited ? e with { Text = text! } : e);
            if (edited)
            {
                details.Append(" *(edited)*");
            }

            sb.Row(Clock(e.OccurredAt), label, Person(e.AuthorId, e.AuthorName), details.ToString());
        }

        sb.Append('\n');
    }

    public static void Diagnostics(StringBuilder sb, IncidentFacts facts)
    {
        sb.Append("## Diagnostics captured\n\n");
        var runs = facts.Entries.Where(e => e.Kind == TimelineKind.Diagnostics).ToList();
        if (runs.Count == 0)
        {
            sb.Append("No /diag runs were recorded during this incident. *Which checks did responders run by hand, and should /diag cover them?*\n\n");
            return;
        }

        foreach (var run in runs)
        {
            sb.Append("- ").Append(Utc(run.OccurredAt)).Append(" · ");
            var command = TimelineData.Text(run.Data, "command");
            sb.Append("/diag ").AppendEscaped(command ?? "run");
            Detail(sb, "cluster", TimelineData.Text(run.Data, "cluster"));
            Detail(sb, "verdict", TimelineData.Text(run.Data, "verdict"));
            Detail(sb, "patterns", TimelineData.Text(run.Data, "patterns"));
            Detail(sb, "outcome", TimelineData.Text(run.Data, "outcome"));
            sb.Append(" · by ").AppendPerson(run.AuthorId, run.AuthorName);
            if (run.Text.Length > 0)
            {
                sb.Append("\n  ").AppendEscaped(run.Text);
            }

            sb.Append('\n');
        }

        sb.Append('\n');
    }

    /// <summary>Every entry, with edits and deletions shown: the audit trail the draft was built from.</summary>
    public static void Transcript(StringBuilder sb, IncidentFacts facts, IReadOnlyList<TimelineRevision> revisions)
    {
        var edits = revisions.ToLookup(r => r.EntryId);
        sb.Append("## Appendix: full transcript\n\n");
        sb.Append(PostmortemDrafter.Plural(facts.Entries.Count, "timeline entry", "timeline entries"))
            .Append(" in order. Edits follow the original text; deleted messages keep their text for the record.\n\n");
        sb.Header("Time (UTC)", "Kind", "By", "Text");
        foreach (var e in facts.Entries)
        {
            sb.Append("| ").AppendClock(e.OccurredAt).Append(" | ").Append(e.Kind.ToString());
            if (e.Kind == TimelineKind.Message && e.IsKey)
            {
                sb.Append(" (pinned)");
            }

            sb.Append(" | ").AppendPerson(e.AuthorId, e.AuthorName).Append(" | ");
            var start = sb.Length;
            sb.AppendEscaped(e.Text);
            foreach (var edit in edits[e.Id])
            {
                sb.Append(" → *edited ").AppendClock(edit.EditedAt);
                if (edit.EditedBy is not null)
                {
                    sb.Append(" by ").AppendPerson(edit.EditedBy);
                }

                sb.Append(":* ").AppendEscaped(edit.Text);
            }

            if (e.DeletedAt is { } deleted)
            {
                sb.Append(" *(deleted ").AppendClock(deleted);
                if (e.DeletedBy is not null)
                {
                    sb.Append(" by ").AppendPerson(e.DeletedBy);
                }

                sb.Append(")*");
            }

            if (sb.Length == start)
            {
                sb.Append(' ');
            }

            sb.Append(" |\n");
        }
    }

    private static string? KeyLabel(TimelineEntry e) => e.Kind switch
    {
        TimelineKind.Declared => "Declared",
        TimelineKind.Severity => "Severity changed",
        TimelineKind.Role => "Role assigned",
        TimelineKind.Status => "Status update",
        TimelineKind.Note => "Note",
        TimelineKind.Message or TimelineKind.Pin when e.IsKey => "Pinned message",
        TimelineKind.Diagnostics => "Diagnostics run",
        TimelineKind.Mitigated => "Mitigated",
        TimelineKind.Resolved => "Resolved",
        TimelineKind.Closed => "Closed",
        TimelineKind.Reopened => "Reopened",
        TimelineKind.Escalation => "Escalation",
        _ => null,
    };

    private static void AppendDetails(StringBuilder sb, TimelineEntry e)
    {
        if (e.Kind == TimelineKind.Role && Enum.TryParse<IncidentRole>(TimelineData.Text(e.Data, "role"), out var role)
            && TimelineData.Text(e.Data, "userId") is { } user)
        {
            sb.Append(role.Label()).Append(": ").AppendPerson(user);
            return;
        }

        if (e.Kind == TimelineKind.Diagnostics && TimelineData.Text(e.Data, "command") is { } command)
        {
            sb.Append("/diag ").AppendEscaped(command).Append(": ");
        }

        sb.AppendEscaped(e.Text);
    }

    private static void Detail(StringBuilder sb, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            sb.Append(" · ").Append(name).Append(": ").AppendEscaped(value);
        }
    }
}
