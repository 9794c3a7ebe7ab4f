using System.Globalization;
using System.Text.Json.Nodes;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Slack.Rendering;

/// <summary>
/// <see cref="ChatMessage"/> to a Block Kit payload ({"text", "blocks"}). Everything is kept inside
/// Slack's limits (shortened with an ellipsis) so a long title or output never gets the whole
/// message refused. Buttons carry their command line as the value; clicking runs it.
/// </summary>
public static class SlackBlockRenderer
{
    public static JsonObject Render(ChatMessage message)
    {
        var blocks = new JsonArray();
        var buttons = 0;
        foreach (var block in message.Blocks)
        {
            foreach (var rendered in RenderBlock(block, ref buttons))
            {
                blocks.Add(rendered);
            }
        }

        if (blocks.Count > SlackLimits.MessageBlocks)
        {
            var omitted = blocks.Count - SlackLimits.MessageBlocks + 1;
            while (blocks.Count >= SlackLimits.MessageBlocks)
            {
                blocks.RemoveAt(blocks.Count - 1);
            }

            blocks.Add(ContextBlock([$"… {omitted.ToString(CultureInfo.InvariantCulture)} more blocks not shown"]));
        }

        return new JsonObject
        {
            ["text"] = SlackMrkdwn.Truncate(SlackMrkdwn.Escape(message.Fallback), SlackLimits.FallbackText),
            ["blocks"] = blocks,
        };
    }

    private static IEnumerable<JsonObject> RenderBlock(Block block, ref int buttons) => block switch
    {
        Header h => string.IsNullOrWhiteSpace(h.Text) ? [] : [new JsonObject { ["type"] = "header", ["text"] = PlainTextObject(h.Text, SlackLimits.HeaderText) }],
        Section s => RenderSection(s),
        Context c => RenderContext(c),
        Actions a => RenderActions(a, ref buttons),
        Divider => [new JsonObject { ["type"] = "divider" }],
        Preformatted p => [RenderPreformatted(p)],
        _ => [],
    };

    private static List<JsonObject> RenderSection(Section section)
    {
        var text = SlackMrkdwn.Render(section.Text);
        var fields = (section.Fields ?? [])
            .Select(f => Mrkdwn(SlackMrkdwn.Truncate($"*{SlackMrkdwn.Escape(f.Label)}*\n{SlackMrkdwn.Render(f.Value)}", SlackLimits.FieldText)))
            .ToList();
        var result = new List<JsonObject>();
        var hasText = !string.IsNullOrWhiteSpace(text);
        if (hasText)
        {
            result.Add(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(SlackMrkdwn.Truncate(text, SlackLimits.SectionText)) });
        }

        // More than ten fields continue in further sections rather than being dropped.
        for (var i = 0; i < fields.Count; i += SlackLimits.SectionFields)
        {
            var chunk = new JsonArray([.. fields.Skip(i).Take(SlackLimits.SectionFields)]);
            if (i == 0 && hasText)
            {
                result[0]["fields"] = chunk;
            }
            else
            {
                result.Add(new JsonObject { ["type"] = "section", ["fields"] = chunk });
            }
        }

        return result;
    }

    private static List<JsonObject> RenderContext(Context context)
    {
        var elements = context.Elements.Select(SlackMrkdwn.Render).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return elements.Count == 0 ? [] : [ContextBlock(elements)];
    }

    private static JsonObject ContextBlock(IReadOnlyList<string> elements) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray([.. elements.Take(SlackLimits.ContextElements).Select(e => Mrkdwn(SlackMrkdwn.Truncate(e, SlackLimits.ContextText)))]),
    };

    private static List<JsonObject> RenderActions(Actions actions, ref int buttons)
    {
        var elements = new JsonArray();
        foreach (var button in actions.Buttons)
        {
            if (elements.Count == SlackLimits.ActionElements)
            {
                break;
            }

            if (RenderButton(button, buttons) is { } rendered)
            {
                elements.Add(rendered);
                buttons++;
            }
        }

        return elements.Count == 0 ? [] : [new JsonObject { ["type"] = "actions", ["elements"] = elements }];
    }

    /// <summary>Null for a button that cannot work: no command, a command too long to carry, or an unsafe URL.</summary>
    private static JsonObject? RenderButton(Button button, int index)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainTextObject(button.Text, SlackLimits.ButtonText),
            ["action_id"] = $"chatops-{index.ToString(CultureInfo.InvariantCulture)}",
        };
        if (button.Url is not null)
        {
            var url = SlackMrkdwn.SafeUrl(button.Url);
            if (url is null || url.Length > SlackLimits.ButtonUrl || url.StartsWith("mailto:", StringComparison.Ordinal))
            {
                return null;
            }

            element["url"] = url;
        }
        else if (string.IsNullOrWhiteSpace(button.Command) || button.Command.Length > SlackLimits.ButtonValue)
        {
            return null;
        }

        if (button.Command is not null)
        {
            element["value"] = button.Command;
        }

        if (button.Style != ButtonStyle.Default)
        {
            element["style"] = button.Style == ButtonStyle.Primary ? "primary" : "danger";
        }

        return element;
    }

    private static JsonObject RenderPreformatted(Preformatted pre)
    {
        const string Fence = "```";
        var body = SlackMrkdwn.Escape(pre.Text.Replace(Fence, "`\u200b``", StringComparison.Ordinal));
        body = SlackMrkdwn.Truncate(body, SlackLimits.SectionText - (2 * Fence.Length) - 2);
        return new JsonObject { ["type"] = "section", ["text"] = Mrkdwn($"{Fence}\n{body}\n{Fence}") };
    }

    internal static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>plain_text is shown verbatim (never parsed for mentions), so it is only shortened.</summary>
    internal static JsonObject PlainTextObject(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = PlainText.Truncate(string.IsNullOrWhiteSpace(text) ? "…" : text, max),
        ["emoji"] = true,
    };
}
