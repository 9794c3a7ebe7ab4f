using System.Text.Json.Nodes;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Tests.Slack;

/// <summary>Past a Block Kit limit Slack refuses the whole message, so the renderer shortens instead.</summary>
public sealed class SlackBlockLimitsTests
{
    [Fact]
    public void More_than_fifty_blocks_end_with_a_note_of_what_was_left_out()
    {
        var message = new ChatMessage("many", [.. Enumerable.Range(1, 70).Select(i => new Section($"line {i}"))]);

        var blocks = Blocks(message);

        Assert.Equal(50, blocks.Count);
        Assert.Equal("line 49", Text(blocks[48]));
        Assert.Equal("… 21 more blocks not shown", blocks[49]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Long_texts_are_shortened_with_an_ellipsis()
    {
        var message = new ChatMessage(new string('f', 5000), [new Header(new string('h', 200)), new Section(new string('s', 4000))]);

        var rendered = SlackBlockRenderer.Render(message);
        var blocks = rendered["blocks"]!.AsArray();

        Assert.Equal(4000, rendered["text"]!.GetValue<string>().Length);
        Assert.Equal(150, blocks[0]!["text"]!["text"]!.GetValue<string>().Length);
        Assert.EndsWith("…", Text(blocks[1]), StringComparison.Ordinal);
        Assert.Equal(3000, Text(blocks[1]).Length);
    }

    [Fact]
    public void Escaping_that_grows_the_text_is_counted_before_shortening()
    {
        var message = new ChatMessage("x", [new Section(new string('<', 2000))]);

        var text = Text(Blocks(message)[0]);

        Assert.True(text.Length <= 3000);
        Assert.Matches("^(&lt;)+…$", text);
    }

    [Fact]
    public void Twelve_fields_continue_in_a_second_section()
    {
        var fields = Enumerable.Range(1, 12).Select(i => new Field($"F{i}", $"v{i}")).ToList();

        var blocks = Blocks(new ChatMessage("f", [new Section("Summary", fields)]));

        Assert.Equal(10, blocks[0]!["fields"]!.AsArray().Count);
        Assert.Equal(2, blocks[1]!["fields"]!.AsArray().Count);
        Assert.Null(blocks[1]!["text"]);
    }

    [Fact]
    public void Buttons_stop_at_twenty_five_with_unique_action_ids_and_short_labels()
    {
        var buttons = Enumerable.Range(1, 30).Select(i => new Button($"Button number {i} " + new string('x', 80), $"/incident note #{i}")).ToList();

        var blocks = Blocks(new ChatMessage("b", [new Actions(buttons[..3]), new Actions(buttons)]));

        var all = blocks.SelectMany(b => b!["elements"]!.AsArray()).ToList();
        Assert.Equal(25, blocks[1]!["elements"]!.AsArray().Count);
        Assert.Equal(28, all.Select(e => e!["action_id"]!.GetValue<string>()).Distinct().Count());
        Assert.All(all, e => Assert.True(e!["text"]!["text"]!.GetValue<string>().Length <= 75));
        Assert.Equal("/incident note #25", blocks[1]!["elements"]![24]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Buttons_that_cannot_work_are_left_out()
    {
        var blocks = Blocks(new ChatMessage("b",
        [
            new Actions([new Button("No command"), new Button("Bad link", Url: "javascript:alert(1)"), new Button("Huge", new string('x', 2001))]),
            new Actions([new Button("Fine", "/incident help")]),
        ]));

        var only = Assert.Single(blocks);
        Assert.Equal("/incident help", only!["elements"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Context_keeps_at_most_ten_elements_and_empty_blocks_disappear()
    {
        var blocks = Blocks(new ChatMessage("c",
        [
            new Context([.. Enumerable.Range(1, 12).Select(i => Rich.Text($"c{i}"))]),
            new Section(Rich.Empty),
            new Header("  "),
            new Context([Rich.Empty]),
        ]));

        var context = Assert.Single(blocks);
        Assert.Equal(10, context!["elements"]!.AsArray().Count);
    }

    [Fact]
    public void Preformatted_text_is_escaped_fenced_and_within_the_section_limit()
    {
        var text = Text(Blocks(new ChatMessage("p", [new Preformatted("<!channel> ``` " + new string('x', 5000))]))[0]);

        Assert.StartsWith("```\n&lt;!channel&gt; `\u200b``", text, StringComparison.Ordinal);
        Assert.EndsWith("…\n```", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 3000);
    }

    [Fact]
    public void A_modal_keeps_titles_to_twenty_four_characters_and_refuses_oversized_metadata()
    {
        var form = new ChatForm("f", "A very long form title that Slack would refuse", "Submit the update now please", "/incident status {text}", [new TextInput("text", "Text")]);

        var view = SlackModalRenderer.Render(form, "C1");

        Assert.Equal(24, view["title"]!["text"]!.GetValue<string>().Length);
        Assert.Equal(24, view["submit"]!["text"]!.GetValue<string>().Length);
        var huge = form with { CommandTemplate = "/incident note " + new string('x', 3000) };
        Assert.Throws<ChatOps.Chat.ChatPlatformException>(() => SlackModalRenderer.Render(huge, "C1"));
    }

    private static JsonArray Blocks(ChatMessage message) => SlackBlockRenderer.Render(message)["blocks"]!.AsArray();

    private static string Text(JsonNode? block) => block!["text"]!["text"]!.GetValue<string>();
}
