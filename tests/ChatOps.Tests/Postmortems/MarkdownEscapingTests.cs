using ChatOps.Incidents;
using ChatOps.Postmortems.Drafting;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatOps.Tests.Postmortems;

/// <summary>User text cannot break the draft: checked by parsing the output with a real GFM parser.</summary>
public sealed class MarkdownEscapingTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static TheoryData<string> Attacks => new()
    {
        "# Heading injection",
        "## Summary\nfake section",
        "line one\n\n# second block",
        "- list item",
        "1. ordered",
        "12) ordered",
        "> quote",
        "=====",
        "---",
        "```\ncode fence",
        "~~~ fence",
        "    indented code",
        "pipe | in | table",
        "[click](https://evil.example)",
        "![img](https://evil.example/x.png)",
        "https://evil.example/autolink",
        "www.evil.example",
        "mail me: eve@evil.example",
        "<https://evil.example>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "&lt;b&gt; entity &amp; more",
        "<@U0ADMIN> <!channel> <!here>",
        "**bold** _em_ `code` ~~strike~~",
        "back\\slash \\| escaped pipe",
        "[^1] footnote\n\n[^1]: note",
        "$$ math $$",
        "| a | b |\n|---|---|",
        "trailing ###",
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Escaped_text_renders_as_exactly_the_typed_characters_in_a_paragraph(string attack)
    {
        var document = Markdown.Parse("Said: " + MarkdownText.Escape(attack), Gfm);

        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(document));
        Assert.Equal("Said: " + Collapse(attack), PlainText(paragraph.Inline!));
        Assert.True(paragraph.Inline!.Descendants().All(i => i is LiteralInline or HtmlEntityInline), "only literal text");
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Escaped_text_stays_inside_its_table_cell(string attack)
    {
        var markdown = "| A | B |\n|---|---|\n| " + MarkdownText.Escape(attack) + " | after |\n";

        var table = Assert.IsType<Table>(Assert.Single(Markdown.Parse(markdown, Gfm)));

        var row = (TableRow)table[1];
        Assert.Equal(2, row.Count);
        var first = (ParagraphBlock)((TableCell)row[0])[0];
        Assert.Equal(Collapse(attack), PlainText(first.Inline!));
        Assert.Equal("after", PlainText(((ParagraphBlock)((TableCell)row[1])[0]).Inline!));
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Escaped_text_stays_inside_its_list_item(string attack)
    {
        var document = Markdown.Parse("- " + MarkdownText.Escape(attack) + "\n", Gfm);

        var list = Assert.IsType<ListBlock>(Assert.Single(document));
        var item = Assert.IsType<ListItemBlock>(Assert.Single(list));
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(item));
        Assert.Equal(Collapse(attack), PlainText(paragraph.Inline!));
    }

    [Fact]
    public void A_hostile_incident_gives_a_draft_with_only_the_drafters_own_headings_links_and_no_html()
    {
        var story = IncidentStory.Declare(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Severity.Sev2, "# Pwned <script>x</script> | [x](https://evil)", "U0EVE00000");
        story.Note(1, "U0EVE00000", "## Root cause\n\n<img src=x onerror=alert(1)> <!channel>");
        story.Status(2, "U0EVE00000", "| fake | row |\n|---|---|");
        story.Message(3, "U0EVE00000", "<b>eve</b> | ## [me](http://x)", "![i](http://x) www.evil.example", pinned: true);
        story.Action("- [ ] https://evil.example `rm -rf`", "U0EVE|00", null);
        story.Resolve(5, "U0EVE00000", "> quoted\n---");
        story.Close(6, "U0EVE00000");

        var markdown = PostmortemDrafter.Draft(story.Input());
        var document = Markdown.Parse(markdown, Gfm);

        var headings = document.Descendants<HeadingBlock>().Select(h => PlainText(h.Inline!)).ToList();
        Assert.Equal(
            ["Postmortem: INC-42 · # Pwned <script>x</script> | [x](https://evil)", "Summary", "Impact", "SLA", "Key metrics", "Timeline (UTC)", "Diagnostics captured",
             "Root cause and contributing factors", "Contributing factors", "Five whys", "What went well", "What went wrong", "Where we got lucky", "Action items", "Appendix: full transcript"],
            headings);
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<AutolinkInline>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<CodeInline>());
        Assert.Empty(document.Descendants<QuoteBlock>());
        Assert.Empty(document.Descendants<ThematicBreakBlock>());
        Assert.DoesNotContain("<!channel>", markdown, StringComparison.Ordinal);
        var tables = document.Descendants<Table>().ToList();
        Assert.All(tables, t => Assert.All(t.OfType<TableRow>(), r => Assert.Equal(((TableRow)t[0]).Count, r.Count)));
        var html = Markdown.ToHtml(markdown, Gfm);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain words stay plain", "plain words stay plain")]
    [InlineData("v41 -> v42, 5xx: 3.5%", "v41 -&gt; v42, 5xx: 3.5%")]
    [InlineData("a\r\n\tb", "a b")]
    public void Ordinary_text_stays_readable_in_the_raw_file(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    private static string Collapse(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a reader sees, in document order.</summary>
    private static string PlainText(ContainerInline inline) =>
        string.Concat(inline.Descendants().Select(i => i switch
        {
            LiteralInline l => l.Content.ToString(),
            HtmlEntityInline e => e.Transcoded.ToString(),
            _ => string.Empty,
        }));
}
