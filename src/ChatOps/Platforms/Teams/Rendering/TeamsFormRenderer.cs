using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Teams.Rendering;

/// <summary>
/// A <see cref="ChatForm"/> as an Adaptive Card with inputs and one Action.Submit. The submit data
/// carries the form id and command template (like Slack's private_metadata); Teams merges the input
/// values into it, under ids prefixed with <see cref="FieldPrefix"/> so they cannot overwrite those.
/// </summary>
public static partial class TeamsFormRenderer
{
    public const string FieldPrefix = "field:";

    public static JsonObject Render(ChatForm form)
    {
        var body = new JsonArray { TeamsCardRenderer.TextBlock(TeamsMarkdown.Escape(form.Title), size: "Medium", weight: "Bolder") };
        foreach (var field in form.Fields)
        {
            body.Add(field switch
            {
                TextInput t => TextInput(t),
                Choice c => ChoiceSet(c),
                _ => throw new ArgumentOutOfRangeException(nameof(form), field.GetType().Name, "unknown form field"),
            });
        }

        var card = TeamsCardRenderer.Card(body);
        card["fallbackText"] = form.Title;
        card["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = TeamsMarkdown.Shorten(form.SubmitLabel, 75),
            ["style"] = "positive",
            ["data"] = new JsonObject { [TeamsCardRenderer.Marker] = "form", ["form"] = form.Id, ["template"] = form.CommandTemplate },
        });
        return card;
    }

    /// <summary>A submitted form's command line, or null when the value is not a ChatOps form.</summary>
    public static string? Fill(JsonElement value)
    {
        if (Str(value, "template") is not { } template)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject().Where(p => p.Name.StartsWith(FieldPrefix, StringComparison.Ordinal)))
        {
            values[property.Name[FieldPrefix.Length..]] = InboundText.WithoutNul(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.ToString())!;
        }

        // Every placeholder is a field, so one Teams left out of the submit (an empty optional input) fills as empty.
        var fields = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().Select(id => new TextInput(id, id));
        var form = new ChatForm(Str(value, "form") ?? "form", string.Empty, string.Empty, template, [.. fields]);
        return form.Fill(values);
    }

    private static JsonObject TextInput(TextInput t)
    {
        var input = Input("Input.Text", t);
        if (t.Multiline)
        {
            input["isMultiline"] = true;
        }

        if (t.Placeholder is not null)
        {
            input["placeholder"] = t.Placeholder;
        }

        if (t.Initial is not null)
        {
            input["value"] = t.Initial;
        }

        return input;
    }

    private static JsonObject ChoiceSet(Choice c)
    {
        var input = Input("Input.ChoiceSet", c);
        input["style"] = "compact";
        input["choices"] = new JsonArray([.. c.Options.Select(o => (JsonNode)new JsonObject { ["title"] = o.Label, ["value"] = o.Value })]);
        if (c.Initial is not null)
        {
            input["value"] = c.Initial;
        }

        return input;
    }

    private static JsonObject Input(string type, FormField field)
    {
        var input = new JsonObject { ["type"] = type, ["id"] = FieldPrefix + field.Id, ["label"] = field.Label };
        if (!field.Optional)
        {
            input["isRequired"] = true;
            input["errorMessage"] = $"{field.Label} is required.";
        }

        return input;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z0-9_\-]{1,64})\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
