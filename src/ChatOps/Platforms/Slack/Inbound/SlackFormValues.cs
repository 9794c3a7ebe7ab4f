using System.Text.Json;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>Reads a submitted modal: view.state.values[block_id][action_id] -> the field's text or chosen option.</summary>
public static class SlackFormValues
{
    public static Dictionary<string, string> Read(JsonElement view)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = view.Obj("state").Obj("values");
        if (state.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var block in state.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var action in block.Value.EnumerateObject())
            {
                values[block.Name] = action.Value.Str("value") ?? action.Value.Obj("selected_option").Str("value") ?? string.Empty;
            }
        }

        return values;
    }

    /// <summary>Where a form-level error is shown: the first input block, in the order the user sees them.</summary>
    public static string? FirstInputBlock(JsonElement view) =>
        view.Items("blocks").Where(b => b.Str("type") == "input").Select(b => b.Str("block_id")).FirstOrDefault(id => id is not null);
}
