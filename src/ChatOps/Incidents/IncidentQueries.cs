using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;

namespace ChatOps.Incidents;

/// <summary>The read-only subcommands: timeline, list, action list, help. Answers are private.</summary>
public sealed class IncidentQueries(IncidentStore incidents, TimelineStore timeline, IOptions<IncidentsOptions> options)
{
    private const int TimelineLines = 15;

    public async Task<CommandResult> TimelineAsync(Incident i, CancellationToken ct)
    {
        var entries = (await timeline.ListAsync(i.Number, ct)).Where(e => e.IsKey && !e.IsDeleted).TakeLast(TimelineLines).ToList();
        var lines = new List<Inline>();
        foreach (var e in entries)
        {
            lines.Add(new Time(e.OccurredAt));
            lines.Add(new Plain($"  {e.Kind}  "));
            if (e.AuthorId is not null)
            {
                lines.Add(new Mention(e.AuthorId));
                lines.Add(new Plain(": "));
            }

            lines.Add(new Plain(Shorten(e.Text)));
            lines.Add(new LineBreak());
        }

        if (entries.Count == 0)
        {
            lines.Add(new Plain("No key events yet."));
        }

        return CommandResult.Private(new ChatMessage($"{i.Label} timeline", [new Header($"{i.Label} · key events"), new Section(new Rich(lines))]));
    }

    public async Task<CommandResult> ListAsync(CancellationToken ct)
    {
        var open = await incidents.ListOpenAsync(ct);
        if (open.Count == 0)
        {
            return CommandResult.Private("No open incidents. 🎉");
        }

        var cadence = options.Value.StatusCadence;
        var blocks = new List<Block> { new Header($"Open incidents ({open.Count})") };
        foreach (var i in open.Take(20))
        {
            var line = Rich.Of(new Bold($"{i.Label} · {IncidentMessages.SeverityLabel(i.Severity)} · {i.Status}"), new Plain(" "), new Plain(i.Title), new LineBreak(), new Plain("IC "), new Mention(i.CommanderId));
            if (i.ChannelId is not null)
            {
                line = line.Append(new Plain(" · "), new ChannelRef(i.ChannelId, i.ChannelName));
            }

            if (CadencePolicy.NextUpdateDue(i, cadence) is { } due)
            {
                line = line.Append(new Plain(" · next update due "), new Time(due));
            }

            blocks.Add(new Section(line));
        }

        return CommandResult.Private(new ChatMessage($"{open.Count} open incident(s)", blocks));
    }

    public async Task<CommandResult> ActionsAsync(Incident i, CancellationToken ct)
    {
        var items = await incidents.ListActionItemsAsync(i.Number, ct);
        if (items.Count == 0)
        {
            return CommandResult.Private($"{i.Label} has no action items. Add one with /incident action <text> [@owner] [due:YYYY-MM-DD].");
        }

        var lines = new List<Inline>();
        foreach (var a in items)
        {
            lines.Add(new Plain($"#{a.Id} {(a.Status == ActionItemStatus.Done ? "✅" : "⬜")} "));
            lines.Add(new Plain(a.Text));
            if (a.OwnerId is not null)
            {
                lines.Add(new Plain(" · "));
                lines.Add(new Mention(a.OwnerId));
            }

            if (a.DueDate is { } due)
            {
                lines.Add(new Plain($" · due {due:yyyy-MM-dd}"));
            }

            lines.Add(new LineBreak());
        }

        return CommandResult.Private(new ChatMessage($"{i.Label} action items", [new Header($"{i.Label} · action items"), new Section(new Rich(lines))]));
    }

    public static CommandResult Help(string? topic)
    {
        var lines = topic is null
            ? IncidentGrammar.Help
            : IncidentGrammar.Help.Where(h => h.Usage.StartsWith($"/incident {topic}", StringComparison.Ordinal)).DefaultIfEmpty(IncidentGrammar.Help[^1]).ToList();
        var text = new List<Inline>();
        foreach (var line in lines)
        {
            text.Add(new Code(line.Usage));
            text.Add(new Plain($"  {line.Description}"));
            text.Add(new LineBreak());
        }

        text.Add(new Plain("Inside an incident channel commands apply to its incident; elsewhere name it, like #42."));
        return CommandResult.Private(new ChatMessage("/incident help", [new Header("/incident"), new Section(new Rich(text))]));
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
