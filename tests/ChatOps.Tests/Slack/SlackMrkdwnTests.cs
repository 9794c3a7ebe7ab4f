using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Tests.Slack;

public sealed class SlackMrkdwnTests
{
    [Fact]
    public void A_broadcast_typed_by_a_user_is_sent_escaped() // TV-10
    {
        Assert.Equal("&lt;!channel&gt; ping", SlackMrkdwn.Render(Rich.Text("<!channel> ping")));
        Assert.Equal("Hello &amp; &lt;world&gt;", SlackMrkdwn.Render(Rich.Text("Hello & <world>")));
    }

    [Fact]
    public void Every_kind_of_user_text_is_escaped()
    {
        var rich = Rich.Of(new Bold("<@U024BE7LH>"), new Italic("<!here>"), new Code("a && b > c"));

        Assert.Equal("*&lt;@U024BE7LH&gt;*_&lt;!here&gt;_`a &amp;&amp; b &gt; c`", SlackMrkdwn.Render(rich));
    }

    [Theory]
    [InlineData("U024BE7LH", "<@U024BE7LH>")]
    [InlineData("W0123ABCDE", "<@W0123ABCDE>")]
    [InlineData("U024BE7LH><!channel", "@U024BE7LH&gt;&lt;!channel")]
    [InlineData("u024be7lh", "@u024be7lh")]
    [InlineData("29:1abc", "@29:1abc")]
    public void A_mention_is_a_mention_only_for_a_Slack_user_id(string id, string expected)
    {
        Assert.Equal(expected, SlackMrkdwn.Render(new Mention(id)));
    }

    [Fact]
    public void Channel_references_use_the_id_form_or_fall_back_to_text()
    {
        Assert.Equal("<#C0A1B2C3D4>", SlackMrkdwn.Render(new ChannelRef("C0A1B2C3D4", "inc-42")));
        Assert.Equal("#inc-42", SlackMrkdwn.Render(new ChannelRef("19:abc@thread", "inc-42")));
    }

    [Theory]
    [InlineData("https://runbooks.example.com/a?b=1&c=2", "Run <book>", "<https://runbooks.example.com/a?b=1&amp;c=2|Run &lt;book&gt;>")]
    [InlineData("mailto:oncall@example.com", "mail", "<mailto:oncall@example.com|mail>")]
    [InlineData("javascript:alert(1)", "click", "click")]
    [InlineData("slack://channel?id=C1", "open", "open")]
    [InlineData("/relative", "rel", "rel")]
    public void Links_are_limited_to_web_and_mail_with_an_escaped_label(string url, string label, string expected)
    {
        Assert.Equal(expected, SlackMrkdwn.Render(new Link(url, label)));
    }

    [Fact]
    public void A_pipe_in_the_url_cannot_end_the_link_early()
    {
        Assert.Equal("<https://example.com/a%7Cb|x>", SlackMrkdwn.Render(new Link("https://example.com/a|b", "x")));
    }

    [Fact]
    public void Times_are_date_tokens_with_a_UTC_fallback()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal("<!date^1772440200^{date_short_pretty} {time}|2026-03-02 08:30 UTC>", SlackMrkdwn.Render(new Time(at)));
    }

    [Fact]
    public void Truncation_never_cuts_inside_a_token_or_an_entity()
    {
        var text = new string('a', 10) + "<@U024BE7LH> &amp; tail";

        var beforeToken = SlackMrkdwn.Truncate(text, 15);
        var beforeEntity = SlackMrkdwn.Truncate(text, 26);

        Assert.Equal(new string('a', 10) + "…", beforeToken);
        Assert.Equal(new string('a', 10) + "<@U024BE7LH> …", beforeEntity);
        Assert.True(beforeEntity.Length <= 26);
    }

    [Fact]
    public void Truncation_keeps_surrogate_pairs_whole()
    {
        var text = new string('a', 9) + "🚨🚨🚨";

        var cut = SlackMrkdwn.Truncate(text, 11);

        Assert.Equal(new string('a', 9) + "…", cut);
    }
}
