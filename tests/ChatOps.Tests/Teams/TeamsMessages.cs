using ChatOps.Chat.Messages;
using ChatOps.Tests.Slack;

namespace ChatOps.Tests.Teams;

/// <summary>The golden messages of <see cref="SlackMessages"/> with Teams ids for the people and channels in them.</summary>
internal static class TeamsMessages
{
    public static ChatMessage IncidentDeclared() => WithTeamsIds(SlackMessages.IncidentDeclared());

    public static ChatMessage StatusUpdate() => WithTeamsIds(SlackMessages.StatusUpdate());

    private static ChatMessage WithTeamsIds(ChatMessage message) => message with { Blocks = [.. message.Blocks.Select(Block)] };

    private static Block Block(Block block) => block switch
    {
        Section s => new Section(Map(s.Text), s.Fields?.Select(f => new Field(f.Label, Map(f.Value))).ToList()),
        Context c => new Context([.. c.Elements.Select(Map)]),
        _ => block,
    };

    private static Rich Map(Rich rich) => new([.. rich.Parts.Select(p => p switch
    {
        Mention { UserId: "U024BE7LH" } => new Mention("29:1alice-aad-0001"),
        Mention m => new Mention("29:unknown-" + m.UserId),
        ChannelRef c => new ChannelRef("19:inc42channel@thread.tacv2", c.Name),
        _ => p,
    })]);
}
