using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>The Block Kit limits Slack enforces with invalid_blocks, so a renderer that oversteps fails a test, not production.</summary>
internal static class FakeSlackBlocks
{
    public const int MessageLimit = 50;
    public const int ModalLimit = 100;

    public static string? Check(JsonArray blocks, int maxBlocks)
    {
        if (blocks.Count > maxBlocks)
        {
            return $"more than {maxBlocks} blocks";
        }

        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks.OfType<JsonObject>())
        {
            var problem = Type(block) switch
            {
                "header" => TextObject(block["text"], 150, plainOnly: true),
                "section" => SectionProblem(block),
                "context" => Count(block["elements"], 10) ?? Each(block["elements"], e => TextObject(e, 3000)),
                "actions" => Count(block["elements"], 25) ?? Each(block["elements"], e => Button(e, actionIds)),
                "divider" => null,
                "input" => TextObject(block["label"], 2000, plainOnly: true) ?? (block["element"] is JsonObject ? null : "input without element"),
                var other => $"unknown block type {other}",
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    public static string? CheckView(JsonObject view) =>
        view["type"]?.GetValue<string>() != "modal" ? "not a modal"
        : TextObject(view["title"], 24, plainOnly: true)
            ?? (view["submit"] is null ? null : TextObject(view["submit"], 24, plainOnly: true))
            ?? ((view["private_metadata"]?.GetValue<string>().Length ?? 0) > 3000 ? "private_metadata over 3000" : null)
            ?? (view["blocks"] is JsonArray blocks ? Check(blocks, ModalLimit) : "no blocks");

    private static string? SectionProblem(JsonObject block) =>
        block["text"] is null && block["fields"] is null ? "section without text or fields"
        : (block["text"] is null ? null : TextObject(block["text"], 3000))
            ?? (block["fields"] is null ? null : Count(block["fields"], 10) ?? Each(block["fields"], f => TextObject(f, 2000)));

    private static string? Button(JsonNode? element, HashSet<string> actionIds)
    {
        if (element?["type"]?.GetValue<string>() != "button")
        {
            return "unknown element";
        }

        var id = element["action_id"]?.GetValue<string>();
        if (id is null || id.Length > 255 || !actionIds.Add(id))
        {
            return $"missing or duplicate action_id {id}";
        }

        return TextObject(element["text"], 75, plainOnly: true)
            ?? ((element["value"]?.GetValue<string>().Length ?? 0) > 2000 ? "button value over 2000" : null)
            ?? ((element["url"]?.GetValue<string>().Length ?? 0) > 3000 ? "button url over 3000" : null);
    }

    private static string? TextObject(JsonNode? node, int max, bool plainOnly = false)
    {
        var type = node?["type"]?.GetValue<string>();
        var text = node?["text"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return type is not ("plain_text" or "mrkdwn") || (plainOnly && type != "plain_text") ? $"bad text object {node?.ToJsonString()}"
            : string.IsNullOrEmpty(text) ? "empty text"
            : text.Length > max ? $"text over {max} characters"
            : null;
    }

    private static string? Count(JsonNode? array, int max) =>
        array is not JsonArray a || a.Count == 0 ? "empty element list" : a.Count > max ? $"more than {max} elements" : null;

    private static string? Each(JsonNode? array, Func<JsonNode?, string?> check) => ((JsonArray)array!).Select(check).FirstOrDefault(p => p is not null);

    private static string? Type(JsonObject block) => block["type"]?.GetValue<string>();
}
