using System.Text.Json;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Inbound;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Tests.Slack;

/// <summary>A modal round trip: what views.open carries comes back in view_submission and fills the command.</summary>
public sealed class SlackFormTests
{
    [Fact]
    public void A_submitted_modal_fills_its_command_from_metadata_and_state()
    {
        var view = SlackModalRenderer.Render(SlackMessages.StatusForm(), "C07INC0042");
        view["state"] = JsonNodeFrom("""
            {"values":{
              "text":{"text":{"type":"plain_text_input","value":"Rolled back.\nWatching <!channel>"}},
              "severity":{"severity":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"SEV2"},"value":"2"}}}}}
            """);
        using var submitted = JsonDocument.Parse(view.ToJsonString());

        var metadata = SlackFormMetadata.Parse(submitted.RootElement.Str("private_metadata"));
        var values = SlackFormValues.Read(submitted.RootElement);

        Assert.Equal(new SlackFormMetadata("incident-status", "/incident status #42 {text}", "C07INC0042"), metadata);
        Assert.Equal("2", values["severity"]);
        Assert.Equal("text", SlackFormValues.FirstInputBlock(submitted.RootElement));
        var form = new ChatForm(metadata!.FormId, "", "", metadata.CommandTemplate, [.. values.Keys.Select(k => new TextInput(k, k))]);
        Assert.Equal("/incident status #42 Rolled back. Watching <!channel>", form.Fill(values));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"form":"x"}""")]
    public void Metadata_that_is_not_ours_is_refused(string? metadata)
    {
        Assert.Null(SlackFormMetadata.Parse(metadata));
    }

    private static System.Text.Json.Nodes.JsonNode JsonNodeFrom(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!;
}
