using ChatOps.Chat.Messages;
using ChatOps.Platforms.Local;
using ChatOps.Web;

namespace ChatOps.Tests.Web;

/// <summary>What reaches a browser: postmortem Markdown, playground messages and typed text are all made harmless.</summary>
public sealed class RenderingTests
{
    [Fact]
    public void Postmortem_markdown_renders_headings_lists_and_tables()
    {
        var html = PostmortemHtml.Render("# INC-4 postmortem\n\n## Timeline\n\n- 10:02 paged\n- 10:40 rolled back\n\n| what | who |\n|---|---|\n| rollback | alice |\n");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<li>10:02 paged</li>", html, StringComparison.Ordinal);
        Assert.Contains("<td>rollback</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"https://x\" onclick=\"steal()\">x</a>", "<a href")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    public void Postmortem_html_from_channel_text_is_sanitised(string markdown, string forbidden) =>
        Assert.DoesNotContain(forbidden, PostmortemHtml.Render("Said in the channel: " + markdown), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Postmortem_links_keep_working_but_cannot_reach_the_opener()
    {
        var html = PostmortemHtml.Render("See [the runbook](https://wiki.example.com/runbook).");

        Assert.Contains("href=\"https://wiki.example.com/runbook\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Playground_messages_encode_user_text_and_show_mentions_and_buttons()
    {
        var message = new ChatMessage("x",
        [
            new Header("INC-1 <b>"),
            new Section(Rich.Of(new Plain("<script>x</script>"), new Mention("bob"), new Link("javascript:alert(1)", "bad"), new Link("/incidents/1", "page"))),
            new Actions([new Button("Resolve", "/incident resolve #1", ButtonStyle.Danger), new Button("Docs", Url: "https://docs.example.com")]),
        ]);

        var html = LocalHtml.Message(message);

        Assert.Contains("INC-1 &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("@Bob (platform)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/incidents/1\">page</a>", html, StringComparison.Ordinal);
        Assert.Contains("data-command=\"/incident resolve #1\"", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\" rel=\"noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_text_turns_known_at_names_into_mentions_and_nothing_else()
    {
        Assert.Equal("ping <@bob> and @mallory, mail me at a@b.c", Playground.Mentions("ping @bob and @mallory, mail me at a@b.c"));
        Assert.Equal("x <span class=\"mention\">@Alice (SRE)</span> &lt;i&gt;<br>y", LocalHtml.UserText("x <@alice> <i>\ny"));
    }

    [Fact]
    public void Dashboard_text_shows_mention_tokens_as_names_and_encodes_the_rest() =>
        Assert.Equal("@U123 said &lt;b&gt;", Html.Said("<@U123> said <b>"));
}
