using System.Text.Json;
using ChatOps.Chat.Events;
using ChatOps.Platforms.Slack.Inbound;

namespace ChatOps.Tests.Slack;

/// <summary>Slack event_callback envelopes (TV-5, TV-6 and variants) to neutral channel events.</summary>
public sealed class SlackEventMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_plain_message_keeps_its_ts_as_the_id_and_its_time()
    {
        var posted = Assert.IsType<MessagePosted>(Map("""
            {"type": "message", "channel": "C123ABC456", "user": "U123ABC456", "text": "Hello, world!", "ts": "1355517523.000005", "event_ts": "1355517523.000005",
             "user_profile": {"display_name": "bobby", "real_name": "Bobby Tables"}}
            """));

        Assert.Equal(("slack", "Ev0001", "C123ABC456"), (posted.Platform, posted.EventId, posted.ChannelId));
        Assert.Equal("1355517523.000005", posted.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1355517523).AddTicks(50), posted.At);
        Assert.Equal(TimeSpan.Zero, posted.At.Offset);
        Assert.Equal(("U123ABC456", "bobby", "Hello, world!"), (posted.UserId, posted.UserName, posted.Text));
        Assert.Null(posted.ThreadRef);
    }

    [Fact]
    public void Thread_replies_and_broadcasts_carry_their_thread()
    {
        var reply = Assert.IsType<MessagePosted>(Map("""{"type":"message","channel":"C1","user":"U1","text":"on it","ts":"1700000001.000200","thread_ts":"1700000000.000100"}"""));
        var broadcast = Assert.IsType<MessagePosted>(Map("""{"type":"message","subtype":"thread_broadcast","channel":"C1","user":"U1","text":"fyi","ts":"1700000002.000300","thread_ts":"1700000000.000100"}"""));

        Assert.Equal("1700000000.000100", reply.ThreadRef);
        Assert.Equal("1700000000.000100", broadcast.ThreadRef);
    }

    [Fact]
    public void A_file_share_without_text_names_the_file()
    {
        var posted = Assert.IsType<MessagePosted>(Map("""{"type":"message","subtype":"file_share","channel":"C1","user":"U1","text":"","ts":"1700000001.000200","files":[{"id":"F1","name":"grafana.png","title":"p99 latency"}]}"""));

        Assert.Equal("[file] p99 latency", posted.Text);
    }

    [Fact]
    public void An_edit_points_at_the_original_message()
    {
        var edited = Assert.IsType<MessageEdited>(Map("""
            {"type": "message", "subtype": "message_changed", "hidden": true, "channel": "C2147483705", "ts": "1358878755.000001",
             "message": {"type": "message", "user": "U2147483697", "text": "Hello, world!", "ts": "1355517523.000005", "edited": {"user": "U2147483697", "ts": "1358878755.000001"}},
             "previous_message": {"type": "message", "user": "U2147483697", "text": "Helo, wrld", "ts": "1355517523.000005"}}
            """));

        Assert.Equal("1355517523.000005", edited.MessageId);
        Assert.Equal(("U2147483697", "Hello, world!"), (edited.EditedBy, edited.NewText));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1358878755).AddTicks(10), edited.At);
    }

    [Fact]
    public void A_change_with_the_same_text_is_an_unfurl_not_an_edit()
    {
        Assert.Null(Map("""
            {"type":"message","subtype":"message_changed","channel":"C1","ts":"1700000009.000001",
             "message":{"user":"U1","text":"see https://status.example.com","ts":"1700000001.000200","attachments":[{"title":"Status"}]},
             "previous_message":{"user":"U1","text":"see https://status.example.com","ts":"1700000001.000200"}}
            """));
    }

    [Fact]
    public void A_deletion_names_the_deleted_ts()
    {
        var deleted = Assert.IsType<MessageDeleted>(Map("""{"type": "message", "subtype": "message_deleted", "hidden": true, "channel": "C123ABC456", "ts": "1358878755.000001", "deleted_ts": "1358878749.000002", "event_ts": "1358878755.000002"}"""));

        Assert.Equal(("C123ABC456", "1358878749.000002"), (deleted.ChannelId, deleted.MessageId));
    }

    [Fact]
    public void A_pin_and_a_pushpin_mark_a_message_as_key()
    {
        var pin = Assert.IsType<MessageMarkedKey>(Map("""
            {"type":"pin_added","user":"U2","channel_id":"C1","item":{"type":"message","channel":"C1","created_by":"U2","message":{"type":"message","user":"U1","text":"root cause: expired cert","ts":"1700000001.000200"}},"event_ts":"1700000050.000100"}
            """));
        var pushpin = Assert.IsType<MessageMarkedKey>(Map("""
            {"type":"reaction_added","user":"U3","reaction":"pushpin","item_user":"U1","item":{"type":"message","channel":"C1","ts":"1700000001.000200"},"event_ts":"1700000060.000100"}
            """));

        Assert.Equal(("1700000001.000200", "U2", "pin"), (pin.MessageId, pin.UserId, pin.How));
        Assert.Equal(("1700000001.000200", "U3", "reaction"), (pushpin.MessageId, pushpin.UserId, pushpin.How));
    }

    [Theory]
    [InlineData("""{"type":"reaction_added","user":"U123ABC456","item":{"type":"message","channel":"C123ABC456","ts":"1464196127.000002"},"reaction":"slightly_smiling_face","item_user":"U222222222","event_ts":"1465244570.336841"}""")]
    [InlineData("""{"type":"message","subtype":"channel_join","text":"<@U123ABC456|bobby> has joined the channel","ts":"1403051575.000407","user":"U123ABC456","channel":"C1"}""")]
    [InlineData("""{"type":"message","subtype":"channel_topic","text":"set the topic","ts":"1403051575.000407","user":"U1","channel":"C1","topic":"x"}""")]
    [InlineData("""{"type":"message","subtype":"bot_message","bot_id":"B9","username":"alertmanager","text":"FIRING","ts":"1403051575.000407","channel":"C1"}""")]
    [InlineData("""{"type":"app_mention","user":"U1","text":"<@UBOT> hi","ts":"1403051575.000407","channel":"C1"}""")]
    [InlineData("""{"type":"reaction_added","user":"U1","reaction":"pushpin","item":{"type":"file","file":"F1"},"event_ts":"1465244570.336841"}""")]
    [InlineData("""{"type":"message","user":"U1","text":"no channel","ts":"1403051575.000407"}""")]
    public void Everything_else_is_ignored(string inner)
    {
        Assert.Null(Map(inner));
    }

    [Theory]
    [InlineData("""{"type":"message","channel":"C1","user":"UBOT00001","text":"summary","ts":"1700000001.000200"}""")]
    [InlineData("""{"type":"message","channel":"C1","bot_id":"BFAKE","app_id":"A0CHATOPS","text":"summary","ts":"1700000001.000200"}""")]
    [InlineData("""{"type":"message","subtype":"message_changed","channel":"C1","message":{"app_id":"A0CHATOPS","text":"new","ts":"1700000001.000200"},"previous_message":{"text":"old"}}""")]
    [InlineData("""{"type":"pin_added","user":"UBOT00001","channel_id":"C1","item":{"type":"message","message":{"app_id":"A0CHATOPS","user":"UBOT00001","ts":"1700000001.000200"}}}""")]
    [InlineData("""{"type":"reaction_added","user":"U1","reaction":"pushpin","item_user":"UBOT00001","item":{"type":"message","channel":"C1","ts":"1700000001.000200"}}""")]
    public void The_bots_own_messages_are_not_recorded_twice(string inner)
    {
        Assert.Null(Map(inner));
    }

    [Fact]
    public void An_envelope_without_an_event_id_is_ignored()
    {
        using var document = JsonDocument.Parse("""{"type":"event_callback","event":{"type":"message","channel":"C1","user":"U1","text":"x","ts":"1.2"}}""");

        Assert.Null(SlackEventMapper.Map(document.RootElement, Now));
    }

    [Theory]
    [InlineData("1355517523.000005", 1355517523L, 50L)]
    [InlineData("1355517523", 1355517523L, 0L)]
    [InlineData("1355517523.5", 1355517523L, 5_000_000L)]
    public void Ts_strings_convert_to_utc_instants(string ts, long seconds, long ticks)
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks), SlackJson.TsToInstant(ts));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2e3")]
    [InlineData("99999999999999.1")]
    public void Malformed_ts_strings_have_no_instant(string ts)
    {
        Assert.Null(SlackJson.TsToInstant(ts));
    }

    private static ChannelEvent? Map(string inner)
    {
        var envelope = $$"""
            {"token":"z26uFbvR1xHJEdHE1OQiO6t8","team_id":"T123ABC456","api_app_id":"A0CHATOPS","type":"event_callback","event_id":"Ev0001","event_time":1234567890,
             "authorizations":[{"team_id":"T123ABC456","user_id":"UBOT00001","is_bot":true}],
             "event": {{inner}}}
            """;
        using var document = JsonDocument.Parse(envelope);
        return SlackEventMapper.Map(document.RootElement, Now);
    }
}
