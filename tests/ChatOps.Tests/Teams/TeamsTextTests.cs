using System.Text.Json;
using ChatOps.Chat.Commands;
using ChatOps.Platforms.Teams.Api;
using ChatOps.Platforms.Teams.Inbound;

namespace ChatOps.Tests.Teams;

/// <summary>Teams activity text to the shared command grammar, and channel names Graph accepts.</summary>
public sealed class TeamsTextTests
{
    private const string Bot = "28:6b1c2d3e-0000-4a5b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public void The_bots_mention_is_stripped_and_other_mentions_become_neutral_ids()
    {
        var activity = Parse("<at>ChatOps</at> incident role comms <at>Bob Example</at>&nbsp;please",
            Mention(Bot, "ChatOps", "<at>ChatOps</at>"), Mention("29:1bob", "Bob Example", "<at>Bob Example</at>"));

        var line = TeamsText.CommandLine(activity);

        Assert.Equal("incident role comms <@29:1bob> please", line);
        var text = new CommandText(line);
        Assert.Equal("incident", text.NextWord());
        Assert.Equal("role", text.NextWord());
        Assert.Equal("comms", text.NextWord());
        Assert.Equal("29:1bob", text.TakeMention());
        Assert.True(activity.MentionsBot);
    }

    [Fact]
    public void An_entity_text_that_differs_from_the_message_falls_back_to_the_mentioned_name()
    {
        // TV-13: the entity says "<at>@Pranav Smith</at>" while the text has "<at>Pranav Smith</at>".
        var activity = Parse("Hey <at>Pranav Smith</at> check out this message", Mention("29:08q2j2o3jc09au90eucae", "Pranav Smith", "<at>@Pranav Smith</at>"));

        Assert.Equal("Hey <@29:08q2j2o3jc09au90eucae> check out this message", TeamsText.CommandLine(activity));
        Assert.Equal("Hey @Pranav Smith check out this message", TeamsText.Readable(activity));
        Assert.False(activity.MentionsBot);
    }

    [Fact]
    public void Typed_mention_markup_without_an_entity_is_just_text()
    {
        var activity = Parse("<at>ChatOps</at> incident note <at>Admin</at> <p>said</p> &lt;b&gt;", Mention(Bot, "ChatOps", "<at>ChatOps</at>"));

        Assert.Equal("incident note Admin said <b>", TeamsText.CommandLine(activity));
    }

    [Fact]
    public void A_submitted_form_fills_its_template_and_a_missing_input_is_empty()
    {
        using var document = JsonDocument.Parse("""
            {"chatops":"form","form":"incident-status","template":"/incident status #42 {text} {severity}","field:text":"Rolled back\nwatching","text":"ignored"}
            """);

        Assert.Equal("/incident status #42 Rolled back watching", Platforms.Teams.Rendering.TeamsFormRenderer.Fill(document.RootElement));
    }

    [Theory]
    [InlineData("inc-42-db-outage", 1, "inc-42-db-outage")]
    [InlineData("inc-42-db-outage", 3, "inc-42-db-outage-3")]
    [InlineData("inc-7: a/b \\ c? <d> \"e\" 'f' #g %h &i *j {k} +l ~m |n", 1, "inc-7 ab  c d e f g h i j k l m n")]
    [InlineData("_..hidden..", 1, "hidden")]
    [InlineData("CON", 1, "incident-CON")]
    [InlineData("inc-123-the-payments-api-returns-502-for-every-card-payment-in-eu", 1, "inc-123-the-payments-api-returns-502-for-every-car")]
    [InlineData("inc-123-the-payments-api-returns-502-for-every-card-payment-in-eu", 12, "inc-123-the-payments-api-returns-502-for-every-12")]
    public void Channel_names_follow_the_Teams_rules(string name, int attempt, string expected)
    {
        var cleaned = TeamsChannelName.For(name, attempt);

        Assert.Equal(expected, cleaned);
        Assert.True(cleaned.Length <= TeamsChannelName.MaxLength);
    }

    private static TeamsActivity Parse(string text, params object[] entities)
    {
        var json = JsonSerializer.Serialize(new
        {
            type = "message", id = "1", serviceUrl = "https://smba.trafficmanager.net/amer/", channelId = "msteams", text,
            from = new { id = "29:1alice", name = "Alice" },
            recipient = new { id = Bot, name = "ChatOps" },
            conversation = new { id = "19:abc@thread.tacv2;messageid=1", conversationType = "channel" },
            entities,
        });
        using var document = JsonDocument.Parse(json);
        return TeamsActivity.Parse(document.RootElement)!;
    }

    private static object Mention(string id, string name, string text) => new { type = "mention", mentioned = new { id, name }, text };
}
