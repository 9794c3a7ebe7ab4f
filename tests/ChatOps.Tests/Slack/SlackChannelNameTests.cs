using ChatOps.Platforms.Slack.Api;

namespace ChatOps.Tests.Slack;

public sealed class SlackChannelNameTests
{
    [Theory]
    [InlineData("inc-42-payments-api", "inc-42-payments-api")]
    [InlineData("INC 42: Payments API -- 502s!!", "inc-42-payments-api-502s")]
    [InlineData("inc_42__db", "inc_42_db")]
    [InlineData("  --Café déjà vu--  ", "cafe-deja-vu")]
    [InlineData("🚨🚨🚨", "incident")]
    [InlineData("ΑΒΓ", "incident")]
    public void Names_follow_Slacks_rules(string input, string expected)
    {
        Assert.Equal(expected, SlackChannelName.Normalize(input));
    }

    [Fact]
    public void Names_stay_within_eighty_characters_with_or_without_a_suffix()
    {
        var name = SlackChannelName.Normalize("inc-7-" + string.Join('-', Enumerable.Repeat("everything-is-down", 10)));

        Assert.True(name.Length <= 80);
        Assert.False(name.EndsWith('-'));
        var candidate = SlackChannelName.Candidate(name, 12);
        Assert.True(candidate.Length <= 80);
        Assert.EndsWith("-12", candidate, StringComparison.Ordinal);
        Assert.DoesNotContain("--", candidate, StringComparison.Ordinal);
        Assert.Equal(name, SlackChannelName.Candidate(name, 1));
    }
}
