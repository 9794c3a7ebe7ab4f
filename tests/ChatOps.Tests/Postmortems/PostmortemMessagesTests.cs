using ChatOps.Chat.Messages;
using ChatOps.Postmortems;
using ChatOps.Postmortems.Drafting;

namespace ChatOps.Tests.Postmortems;

/// <summary>The short summary posted beside the file and mirrored to the broadcast channel.</summary>
public sealed class PostmortemMessagesTests
{
    [Fact]
    public void Summary_gives_the_key_figures_and_where_the_draft_is()
    {
        var story = Stories.ControlPlaneOutage();
        var input = story.Input(version: 2);
        var facts = IncidentFacts.Of(input);

        var message = PostmortemMessages.Summary(story.Incident, 2, facts, openActions: 2, PostmortemMessages.InBroadcast(story.Incident));

        Assert.Equal("📝 INC-42 postmortem draft v2: Control plane unavailable during 1.29 to 1.30 upgrade", message.Fallback);
        var fields = message.Blocks.OfType<Section>().Single().Fields!.ToDictionary(f => f.Label, f => f.Value.ToPlainText());
        Assert.Equal("4 h 5 min", fields["Duration"]);
        Assert.Equal("3 h 50 min", fields["Time to mitigate"]);
        Assert.Equal("12 (3 missed-update gaps)", fields["Status updates"]);
        Assert.Equal("99.485% against 99.95%: breached", fields["SLA"]);
        Assert.Equal("2", fields["Open action items"]);
        var where = message.Blocks.OfType<Context>().Single().Elements.Single();
        Assert.Contains(where.Parts, p => p is ChannelRef { ChannelId: "C07INC0042" });
        Assert.EndsWith("and at GET /api/incidents/42/postmortem.md.", where.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void User_text_enters_the_summary_only_as_plain_text()
    {
        var story = IncidentStory.Declare(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), ChatOps.Incidents.Severity.Sev2, "<!channel> *pwned*", "U1");
        story.Close(5, "U1");

        var message = PostmortemMessages.Summary(story.Incident, 1, IncidentFacts.Of(story.Input()), 0, PostmortemMessages.InChannel(story.Incident));

        var parts = message.Blocks.OfType<Section>().Single().Text.Parts;
        Assert.Contains(parts, p => p is Plain { Text: "<!channel> *pwned*" });
        Assert.DoesNotContain(message.Blocks.SelectMany(Inlines), p => p is Mention or Link);
    }

    [Fact]
    public void The_file_is_named_after_the_incident_and_version()
    {
        var file = PostmortemMessages.File(Stories.QuickRollback().Incident, 3, "# x\n");

        Assert.Equal(("INC-42-postmortem-v3.md", "INC-42 postmortem draft v3"), (file.FileName, file.Title));
    }

    private static IEnumerable<Inline> Inlines(Block block) => block switch
    {
        Section s => s.Text.Parts.Concat((s.Fields ?? []).SelectMany(f => f.Value.Parts)),
        Context c => c.Elements.SelectMany(e => e.Parts),
        _ => [],
    };
}
