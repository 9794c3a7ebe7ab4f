using System.Text;
using ChatOps.Platforms.Slack.Inbound;

namespace ChatOps.Tests.Slack;

/// <summary>TV-1 (Slack's worked example) and TV-2 (derived) from the protocol notes, plus the ways a forgery fails.</summary>
public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private const string CommandBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private const string CommandSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    public static TheoryData<string, string> Vectors => new()
    {
        { CommandBody, CommandSignature },
        {
            """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""",
            "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652"
        },
        { string.Empty, "v0=55f41ec73231010289b54e669149ea021fccab11b5524355523533ce930cb739" },
        { "payload=%7B%22type%22%3A%22block_actions%22%7D", "v0=9dffc25b49a4a7fc2e15c9c9450bf8af09eb501fcef9039eaea3deb58af0c82c" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Published_and_derived_vectors_verify(string body, string signature)
    {
        Assert.Equal(signature, SlackSignature.Compute(Secret, Timestamp, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(SignatureVerdict.Valid, Verify(body, signature));
    }

    [Fact]
    public void A_tampered_body_is_a_mismatch()
    {
        Assert.Equal(SignatureVerdict.Mismatch, Verify(CommandBody + "------", CommandSignature));
        Assert.Equal(SignatureVerdict.Mismatch, Verify(CommandBody.Replace("roadrunner", "coyote", StringComparison.Ordinal), CommandSignature));
    }

    [Fact]
    public void A_signature_of_the_wrong_length_or_case_is_a_mismatch()
    {
        Assert.Equal(SignatureVerdict.Mismatch, Verify(CommandBody, CommandSignature[..^2]));
        Assert.Equal(SignatureVerdict.Mismatch, Verify(CommandBody, CommandSignature.ToUpperInvariant().Replace("V0=", "v0=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(-301, SignatureVerdict.Stale)]
    [InlineData(301, SignatureVerdict.Stale)]
    [InlineData(-300, SignatureVerdict.Valid)]
    [InlineData(300, SignatureVerdict.Valid)]
    public void The_timestamp_must_be_within_five_minutes_either_way(int nowOffsetSeconds, SignatureVerdict expected)
    {
        var verdict = SlackSignature.Verify(Secret, Timestamp, CommandSignature, Encoding.UTF8.GetBytes(CommandBody), SentAt.AddSeconds(nowOffsetSeconds));

        Assert.Equal(expected, verdict);
    }

    [Fact]
    public void A_correctly_signed_request_replayed_today_is_stale()
    {
        var verdict = SlackSignature.Verify(Secret, Timestamp, CommandSignature, Encoding.UTF8.GetBytes(CommandBody), new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(SignatureVerdict.Stale, verdict);
    }

    [Fact]
    public void Only_version_v0_is_accepted()
    {
        Assert.Equal(SignatureVerdict.UnknownVersion, Verify(CommandBody, "v1=" + CommandSignature[3..]));
        Assert.Equal(SignatureVerdict.UnknownVersion, Verify(CommandBody, CommandSignature[3..]));
    }

    [Theory]
    [InlineData(null, CommandSignature)]
    [InlineData("", CommandSignature)]
    [InlineData(Timestamp, null)]
    [InlineData(Timestamp, "")]
    public void Missing_headers_fail(string? timestamp, string? signature)
    {
        var verdict = SlackSignature.Verify(Secret, timestamp, signature, Encoding.UTF8.GetBytes(CommandBody), SentAt);

        Assert.Equal(SignatureVerdict.MissingHeaders, verdict);
    }

    [Theory]
    [InlineData("1531420618.5")]
    [InlineData("-1531420618")]
    [InlineData("soon")]
    public void A_timestamp_that_is_not_whole_seconds_fails(string timestamp)
    {
        var verdict = SlackSignature.Verify(Secret, timestamp, CommandSignature, Encoding.UTF8.GetBytes(CommandBody), SentAt);

        Assert.Equal(SignatureVerdict.MalformedTimestamp, verdict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_secret_nothing_verifies(string? secret)
    {
        var emptyKeySignature = SlackSignature.Compute(string.Empty, Timestamp, Encoding.UTF8.GetBytes(CommandBody));

        Assert.Equal(SignatureVerdict.NoSecret, SlackSignature.Verify(secret, Timestamp, CommandSignature, Encoding.UTF8.GetBytes(CommandBody), SentAt));
        Assert.Equal(SignatureVerdict.NoSecret, SlackSignature.Verify(secret, Timestamp, emptyKeySignature, Encoding.UTF8.GetBytes(CommandBody), SentAt));
    }

    private static SignatureVerdict Verify(string body, string signature) =>
        SlackSignature.Verify(Secret, Timestamp, signature, Encoding.UTF8.GetBytes(body), SentAt);
}
