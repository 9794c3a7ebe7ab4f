using ChatOps.Chat.Messages;

namespace ChatOps.Incidents;

/// <summary>What the bot says about an incident, in neutral form. User text enters only as Plain.</summary>
public static class IncidentMessages
{
    public static string SeverityLabel(Severity severity) => $"SEV{(int)severity}";

    private static string Emoji(Incident i) => i.Status switch
    {
        IncidentStatus.Active => i.Severity <= Severity.Sev2 ? "🔴" : "🟠",
        IncidentStatus.Mitigated => "🟡",
        _ => "🟢",
    };

    /// <summary>The pinned summary in the incident channel, kept current by refreshes.</summary>
    public static ChatMessage Summary(Incident i, DateTimeOffset? nextDue)
    {
        var fields = new List<Field>
        {
            new("Severity", SeverityLabel(i.Severity)),
            new("Status", i.Status.ToString()),
            new("Incident commander", Rich.Of(new Mention(i.CommanderId))),
            new("Declared", Rich.Of(new Time(i.DeclaredAt))),
        };
        if (nextDue is { } due)
        {
            fields.Add(new Field("Next update due", Rich.Of(new Time(due))));
        }

        var blocks = new List<Block>
        {
            new Header($"{Emoji(i)} {i.Label} · {SeverityLabel(i.Severity)} · {i.Title}"),
            new Section(Rich.Of(new Plain("Declared by "), new Mention(i.DeclaredBy), new Plain(". Everything said here is timestamped into the incident timeline.")), fields),
        };
        if (i.IsOpen)
        {
            blocks.Add(new Actions(
            [
                new Button("Post update", $"/incident status #{i.Number}", ButtonStyle.Primary),
                new Button("Run triage", "/diag triage"),
                new Button("Resolve", $"/incident resolve #{i.Number}", ButtonStyle.Danger),
            ]));
        }

        blocks.Add(new Context([Rich.Of(new Plain("Commands: /incident status · sev · role · note · action · mitigated · resolve · close · help"))]));
        return new ChatMessage($"{i.Label} {SeverityLabel(i.Severity)} {i.Status}: {i.Title}", blocks);
    }

    public static string Topic(Incident i, string commanderName) =>
        $"{SeverityLabel(i.Severity)} | {i.Status} | IC: {commanderName} | {i.Title}";

    /// <summary>The broadcast channel's notice that an incident exists and where to follow it.</summary>
    public static ChatMessage Announcement(Incident i, string? channelUrl)
    {
        var where = i.ChannelId is null ? Rich.Empty : Rich.Of(new Plain("Follow in "), new ChannelRef(i.ChannelId, i.ChannelName));
        var blocks = new List<Block>
        {
            new Header($"{Emoji(i)} {i.Label} declared · {SeverityLabel(i.Severity)}"),
            new Section(Rich.Of(new Bold(i.Title)), [new("Incident commander", Rich.Of(new Mention(i.CommanderId))), new("Declared", Rich.Of(new Time(i.DeclaredAt)))]),
        };
        if (where.Parts.Count > 0)
        {
            blocks.Add(new Context([where]));
        }

        if (channelUrl is not null)
        {
            blocks.Add(new Actions([new Button($"Open {i.ChannelName ?? i.Label}", Url: channelUrl)]));
        }

        return new ChatMessage($"{i.Label} declared ({SeverityLabel(i.Severity)}): {i.Title}", blocks);
    }

    public static ChatMessage StatusUpdate(Incident i, string author, string text, DateTimeOffset? nextDue)
    {
        var context = new List<Rich> { Rich.Of(new Plain("Posted by "), new Mention(author)) };
        if (nextDue is { } due)
        {
            context.Add(Rich.Of(new Plain("Next update due "), new Time(due)));
        }

        return new ChatMessage(
            $"{i.Label} status ({i.Status}, {SeverityLabel(i.Severity)}): {text}",
            [
                new Section(Rich.Of(new Bold($"{Emoji(i)} {i.Label} status update · {SeverityLabel(i.Severity)} · {i.Status}"), new LineBreak(), new Plain(text))),
                new Context(context),
            ]);
    }

    /// <summary>A lifecycle or ownership change, for the incident channel and (when it matters to stakeholders) the broadcast channel.</summary>
    public static ChatMessage Change(Incident i, Rich what, string? detail = null)
    {
        var text = detail is { Length: > 0 } ? what.Append(new LineBreak(), new Plain(detail)) : what;
        return new ChatMessage($"{i.Label}: {text.ToPlainText()}", [new Section(Rich.Of(new Bold($"{Emoji(i)} {i.Label} · {i.Title}"), new LineBreak()).Append([.. text.Parts]))]);
    }

    public static ChatMessage Confirmation(Incident i) => new(
        $"{i.Label} is not resolved yet. Resolve and close it?",
        [
            new Section(Rich.Of(new Plain($"{i.Label} is still {i.Status.ToString().ToLowerInvariant()}. Closing resolves it first and drafts the postmortem."))),
            new Actions([new Button("Resolve and close", $"/incident close #{i.Number} confirm", ButtonStyle.Danger)]),
        ]);
}
