using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Policy;
using TimeInline = ChatOps.Chat.Messages.Time;

namespace ChatOps.Maintenance.Commands;

/// <summary>What /maint answers the person who typed it (announcements are in <see cref="MaintenanceMessages"/>).</summary>
public static class MaintenanceReplies
{
    /// <summary>A refusal: the reason, the earliest allowed start or the overlapping window when there is one, and the usage.</summary>
    public static CommandResult Refused(PolicyDecision decision, string usage)
    {
        var problem = decision.Problem ?? "That is not allowed.";
        var blocks = new List<Block> { new Section(Rich.Of(new Plain("⚠️ "), new Plain(problem))) };
        if (decision.EarliestStart is { } earliest)
        {
            blocks.Add(new Section(Rich.Of(new Bold("Earliest allowed start: "), new TimeInline(earliest),
                new Plain($" ({SchedulePolicy.Utc(earliest)})"))));
        }

        if (decision.Conflict is { } other)
        {
            blocks.Add(new Section(Rich.Of(new Bold($"Overlapping: {other.Label} "), new Plain(other.Title)),
                [new Field("When", MaintenanceMessages.When(other.StartsAt, other.EndsAt)), new Field("Planner", Rich.Of(new Mention(other.PlannerId)))]));
        }

        blocks.Add(new Context([Rich.Of(new Plain("Usage: "), new Code(usage))]));
        return new Reply(new ChatMessage($"{problem} Usage: {usage}", blocks), Ephemeral: true, IsError: true);
    }

    public static CommandResult Scheduled(MaintenanceWindow w, string? channel, string? note, IReadOnlyCollection<string> approvers)
    {
        var blocks = new List<Block>();
        if (w.Status == WindowStatus.Pending)
        {
            var text = Rich.Of(new Plain("⏳ Emergency window "), new Bold(w.Label), new Plain(" is pending approval. "));
            text = approvers.Count == 0
                ? text.Append(new Plain("No approvers are configured (Maintenance:Approvers), so nobody can approve it yet."))
                : text.Append([new Plain("One of these can approve it with "), new Code($"/maint approve {w.Id}"), new Plain(": "),
                    .. approvers.SelectMany<string, Inline>(a => [new Mention(a), new Plain(" ")])]);
            blocks.Add(new Section(text.Append(new Plain("It is announced once approved."))));
        }
        else
        {
            var text = Rich.Of(new Plain("✅ Scheduled "), new Bold(w.Label), new Plain(". "));
            blocks.Add(new Section(channel is null
                ? text.Append(new Plain("No announcement channel is configured (Maintenance:AnnouncementChannel), so nothing was announced."))
                : text.Append(new Plain("Announced in "), new ChannelRef(channel), new Plain("; reminders follow 24 hours and 1 hour before the start."))));
        }

        blocks.Add(new Section(Rich.Of(new Bold(w.Title)), MaintenanceMessages.Fields(w)));
        blocks.AddRange(MaintenanceMessages.ChecklistBlocks(w));
        if (note is not null)
        {
            blocks.Add(new Context([Rich.Text(note)]));
        }

        return new Reply(new ChatMessage($"{(w.Status == WindowStatus.Pending ? "Pending approval" : "Scheduled")}: {w.Title} ({w.Label})", blocks));
    }

    public static ChatMessage ApprovalRequest(MaintenanceWindow w) => new(
        $"Emergency maintenance {w.Label} needs your approval: {w.Title}",
        [
            new Header("🚨 Emergency maintenance needs approval"),
            new Section(Rich.Of(new Bold(w.Title), new Plain($" ({w.Label})")), MaintenanceMessages.Fields(w)),
            new Actions([new Button("Approve", $"/maint approve {w.Id}", ButtonStyle.Primary), new Button("Details", $"/maint show {w.Id}")]),
        ]);

    /// <summary>A short confirmation after a change, with the window's state.</summary>
    public static CommandResult Done(string what, MaintenanceWindow w, string? warning = null)
    {
        var blocks = new List<Block> { new Section(Rich.Of(new Plain("✅ "), new Plain(what))) };
        if (warning is not null)
        {
            blocks.Add(new Section(Rich.Of(new Plain("⚠️ "), new Plain(warning))));
        }

        blocks.Add(new Section(Rich.Of(new Bold(w.Title), new Plain($" ({w.Label})")), MaintenanceMessages.Fields(w)));
        return new Reply(new ChatMessage(warning is null ? what : $"{what} {warning}", blocks));
    }

    public static ChatMessage Details(MaintenanceWindow w, DateTimeOffset now)
    {
        var list = w.Checklist;
        var checklist = Checklist.Items.Select(i => new Field(i.Label(),
            list.ValueOf(i) is { } value ? Rich.Of(new Plain("✅ "), new Plain(value)) : Rich.Of(new Plain("❌ missing: "), new Code($"/maint checklist {w.Id} {i.Hint()}"))));
        return new ChatMessage(
            $"{w.Label}: {w.Title} ({w.PhaseAt(now).PhaseText()}), {SchedulePolicy.Utc(w.StartsAt)} to {SchedulePolicy.Utc(w.EndsAt)}",
            [
                new Header($"{w.Label} · {w.PhaseAt(now).PhaseText()}"),
                new Section(Rich.Of(new Bold(w.Title)), MaintenanceMessages.Fields(w)),
                new Section(Rich.Of(new Bold("Pre-flight checklist")), checklist.ToList()),
                .. w.Status == WindowStatus.Cancelled
                    ? [new Context([Rich.Of(new Plain("Cancelled by "), new Mention(w.CancelledBy ?? "?"), new Plain(": "), new Plain(w.CancelReason ?? string.Empty))])]
                    : Array.Empty<Block>(),
            ]);
    }

    public static ChatMessage List(IReadOnlyList<MaintenanceWindow> windows, DateTimeOffset now)
    {
        if (windows.Count == 0)
        {
            return ChatMessage.Text("No pending, upcoming or running maintenance windows. Plan one with /maint schedule.");
        }

        var blocks = new List<Block> { new Header("Maintenance windows") };
        blocks.AddRange(windows.Select(w => new Section(Rich.Of(
            new Bold(w.Label), new Plain(" "), new Plain(w.Title), new Plain($" · {w.PhaseAt(now).PhaseText()}"), new LineBreak(),
            new TimeInline(w.StartsAt), new Plain(" to "), new TimeInline(w.EndsAt), new Plain($" · scope {Scopes.Describe(w.Scope)}")))));
        blocks.Add(new Context([Rich.Text("Subscribe to the calendar at /maintenance.ics.")]));
        return new ChatMessage(string.Join("\n", windows.Select(w => $"{w.Label} {w.Title} ({w.PhaseAt(now).PhaseText()}) {SchedulePolicy.Utc(w.StartsAt)}")), blocks);
    }

    public static ChatMessage Help(IReadOnlyList<HelpLine> lines) => new(
        string.Join("\n", lines.Select(l => $"{l.Usage}: {l.Description}")),
        [new Header("/maint: maintenance windows"), .. lines.Select(l => (Block)new Section(Rich.Of(new Code(l.Usage), new LineBreak(), new Plain(l.Description))))]);
}
