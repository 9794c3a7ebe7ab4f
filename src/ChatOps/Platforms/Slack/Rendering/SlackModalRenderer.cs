using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatOps.Chat;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Slack.Rendering;

/// <summary>
/// <see cref="ChatForm"/> to a views.open modal. Each field is an input block whose block_id and
/// action_id are the field id; the form id, command template and originating channel travel in
/// private_metadata, so a submission needs no server-side state.
/// </summary>
public static class SlackModalRenderer
{
    public const string CallbackId = "chatops-form";

    public static JsonObject Render(ChatForm form, string? channelId)
    {
        var metadata = new SlackFormMetadata(form.Id, form.CommandTemplate, channelId).Serialize();
        if (metadata.Length > SlackLimits.PrivateMetadata)
        {
            throw new ChatPlatformException($"the form '{form.Id}' is too large for a Slack modal (its command template exceeds {SlackLimits.PrivateMetadata} characters)", permanent: true);
        }

        var blocks = new JsonArray([.. form.Fields.Take(SlackLimits.ModalBlocks).Select(Input)]);
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = SlackBlockRenderer.PlainTextObject(form.Title, SlackLimits.ModalTitle),
            ["submit"] = SlackBlockRenderer.PlainTextObject(form.SubmitLabel, SlackLimits.ModalButton),
            ["close"] = SlackBlockRenderer.PlainTextObject("Cancel", SlackLimits.ModalButton),
            ["private_metadata"] = metadata,
            ["blocks"] = blocks,
        };
    }

    private static JsonObject Input(FormField field)
    {
        var element = field switch
        {
            Choice choice => Select(choice),
            TextInput text => TextElement(text),
            _ => new JsonObject { ["type"] = "plain_text_input" },
        };
        element["action_id"] = field.Id;
        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = field.Id,
            ["label"] = SlackBlockRenderer.PlainTextObject(field.Label, SlackLimits.InputLabel),
            ["optional"] = field.Optional,
            ["element"] = element,
        };
    }

    private static JsonObject TextElement(TextInput text)
    {
        var element = new JsonObject { ["type"] = "plain_text_input", ["multiline"] = text.Multiline };
        if (!string.IsNullOrWhiteSpace(text.Placeholder))
        {
            element["placeholder"] = SlackBlockRenderer.PlainTextObject(text.Placeholder, SlackLimits.Placeholder);
        }

        if (!string.IsNullOrEmpty(text.Initial))
        {
            element["initial_value"] = PlainText.Truncate(text.Initial, SlackLimits.InitialValue);
        }

        return element;
    }

    private static JsonObject Select(Choice choice)
    {
        var options = choice.Options
            .Where(o => o.Value.Length is > 0 and <= SlackLimits.OptionValue)
            .Take(SlackLimits.SelectOptions)
            .ToList();
        var element = new JsonObject
        {
            ["type"] = "static_select",
            ["placeholder"] = SlackBlockRenderer.PlainTextObject("Choose…", SlackLimits.Placeholder),
            ["options"] = new JsonArray([.. options.Select(Option)]),
        };
        if (options.FirstOrDefault(o => o.Value == choice.Initial) is { } initial)
        {
            element["initial_option"] = Option(initial);
        }

        return element;
    }

    private static JsonObject Option(ChoiceOption option) => new()
    {
        ["text"] = SlackBlockRenderer.PlainTextObject(option.Label, SlackLimits.OptionText),
        ["value"] = option.Value,
    };
}

/// <summary>What a submitted modal needs to run its command, kept in the view's private_metadata.</summary>
public sealed record SlackFormMetadata(
    [property: JsonPropertyName("form")] string FormId,
    [property: JsonPropertyName("command")] string CommandTemplate,
    [property: JsonPropertyName("channel")] string? ChannelId)
{
    public string Serialize() => JsonSerializer.Serialize(this);

    public static SlackFormMetadata? Parse(string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return null;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<SlackFormMetadata>(metadata);
            return parsed is { FormId: not null, CommandTemplate: not null } ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
