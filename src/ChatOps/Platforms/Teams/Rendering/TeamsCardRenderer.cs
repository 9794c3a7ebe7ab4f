using System.Text.Json.Nodes;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Teams.Rendering;

/// <summary>
/// A neutral <see cref="ChatMessage"/> as an Adaptive Card (version 1.4, what Teams renders).
/// Buttons are Action.Submit carrying their command line: a click comes back as a message activity
/// whose value holds it, and runs as if the clicker had typed it, like Slack buttons.
/// </summary>
public static class TeamsCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.4";

    /// <summary>Marks the submit data ChatOps made, to tell it from other cards' submits.</summary>
    public const string Marker = "chatops";

    /// <summary>Teams refuses messages over ~28 KB; long command output is cut well below that.</summary>
    public const int MaxPreformatted = 12_000;

    public static JsonObject Render(ChatMessage message, IReadOnlyDictionary<string, string> names, Func<string, string?> channelUrl)
    {
        var markdown = new TeamsMarkdown(names, channelUrl);
        var body = new JsonArray();
        var separate = false;
        foreach (var block in message.Blocks)
        {
            if (block is Divider)
            {
                separate = true;
                continue;
            }

            foreach (var element in RenderBlock(block, markdown))
            {
                if (separate)
                {
                    element["separator"] = true;
                    separate = false;
                }

                body.Add(element);
            }
        }

        var card = Card(body);
        card["fallbackText"] = message.Fallback;
        if (markdown.Mentions.Count > 0)
        {
            card["msteams"] = new JsonObject
            {
                ["entities"] = new JsonArray([.. markdown.Mentions.Select(m => (JsonNode)new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = m.Text,
                    ["mentioned"] = new JsonObject { ["id"] = m.Id, ["name"] = m.Name },
                })]),
            };
        }

        return card;
    }

    /// <summary>The outbound activity: the card as its only attachment (Teams splits text + card, and then the id cannot be updated).</summary>
    public static JsonObject Activity(JsonObject card, string summary) => new()
    {
        ["type"] = "message",
        ["summary"] = TeamsMarkdown.Shorten(summary, 250),
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ContentType, ["content"] = card }),
    };

    internal static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = Version,
        ["body"] = body,
    };

    internal static JsonObject TextBlock(string text, string? size = null, string? weight = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
            block["spacing"] = "Small";
        }

        return block;
    }

    private static IEnumerable<JsonObject> RenderBlock(Block block, TeamsMarkdown markdown) => block switch
    {
        Header h => [TextBlock(TeamsMarkdown.Escape(h.Text), size: "Large", weight: "Bolder")],
        Section s => RenderSection(s, markdown),
        Context c => c.Elements.Select(e => TextBlock(markdown.Render(e), size: "Small", subtle: true)),
        Actions a => [RenderActions(a)],
        Preformatted p => [RenderPreformatted(p)],
        _ => [],
    };

    private static IEnumerable<JsonObject> RenderSection(Section section, TeamsMarkdown markdown)
    {
        var text = markdown.Render(section.Text);
        if (!string.IsNullOrWhiteSpace(text))
        {
            yield return TextBlock(text);
        }

        if (section.Fields is { Count: > 0 } fields)
        {
            yield return new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject
                {
                    ["title"] = TeamsMarkdown.Shorten(f.Label, 100),
                    ["value"] = markdown.Render(f.Value),
                })]),
            };
        }
    }

    private static JsonObject RenderActions(Actions actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray([.. actions.Buttons.Select(RenderButton).OfType<JsonNode>()]),
    };

    private static JsonObject? RenderButton(Button button)
    {
        var title = TeamsMarkdown.Shorten(button.Text, 75);
        if (button.Url is not null)
        {
            return Uri.TryCreate(button.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = uri.AbsoluteUri }
                : null;
        }

        if (button.Command is null)
        {
            return null;
        }

        var action = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { [Marker] = "command", ["command"] = button.Command },
        };
        if (button.Style != ButtonStyle.Default)
        {
            action["style"] = button.Style == ButtonStyle.Danger ? "destructive" : "positive";
        }

        return action;
    }

    private static JsonObject RenderPreformatted(Preformatted pre)
    {
        var text = pre.Text.Length <= MaxPreformatted
            ? pre.Text
            : TeamsMarkdown.Shorten(pre.Text, MaxPreformatted) + $"\n({pre.Text.Length - MaxPreformatted} more characters not shown)";
        var block = TextBlock(TeamsMarkdown.Escape(text).Replace("\n", "\n\n", StringComparison.Ordinal));
        block["fontType"] = "Monospace";
        return block;
    }
}
