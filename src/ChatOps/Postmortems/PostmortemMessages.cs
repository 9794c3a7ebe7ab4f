using ChatOps.Chat;
using ChatOps.Chat.Messages;
using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;
using static ChatOps.Postmortems.Drafting.DraftFormat;

namespace ChatOps.Postmortems;

/// <summary>What the bot says about a draft: the file, and the short summary beside it and in the broadcast channel.</summary>
public static class PostmortemMessages
{
    public static ChatFile File(Incident i, int version, string markdown) => new(
        $"{i.Label}-postmortem-v{version}.md",
        $"{i.Label} postmortem draft v{version}",
        markdown,
        $"{i.Label} postmortem draft v{version}: fill in the prompts in italics before the review.");

    /// <summary>The key figures; <paramref name="where"/> says where the full draft is.</summary>
    public static ChatMessage Summary(Incident i, int version, IncidentFacts facts, int openActions, Rich where)
    {
        var sla = facts.Sla;
        var fields = new List<Field>
        {
            new("Duration", facts.ResolvedAt is { } r ? Duration(r - i.DeclaredAt) : "—"),
            new("Time to mitigate", Since(i.DeclaredAt, facts.MitigatedAt)),
            new("Status updates", $"{facts.StatusUpdates} ({facts.Gaps.Count} missed-update gaps)"),
            new("SLA", $"{Percent(sla.Achieved, 3)} against {Percent(sla.Target, 0)}: {(sla.Breached ? "breached" : "met")}"),
            new("Open action items", openActions.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var title = $"📝 {i.Label} postmortem draft v{version}";
        return new ChatMessage(
            $"{title}: {i.Title}",
            [
                new Section(Rich.Of(new Bold(title), new Plain(" · "), new Plain(i.Title)), fields),
                new Context([where]),
            ]);
    }

    public static Rich InChannel(Incident i) =>
        Rich.Of(new Plain($"The draft is attached above and at GET /api/incidents/{i.Number}/postmortem.md. It is blameless: it asks what allowed this, not who."));

    public static Rich InBroadcast(Incident i) =>
        i.ChannelId is null
            ? Rich.Of(new Plain($"The draft is at GET /api/incidents/{i.Number}/postmortem.md."))
            : Rich.Of(new Plain("The draft is attached in "), new ChannelRef(i.ChannelId, i.ChannelName), new Plain($" and at GET /api/incidents/{i.Number}/postmortem.md."));
}
