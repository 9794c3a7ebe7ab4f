using System.Text.Json.Serialization;

namespace ChatOps.Chat.Messages;

/// <summary>
/// A modal form. On submit, <see cref="CommandTemplate"/> is filled with the field values
/// ("/incident status #42 {text}") and run as a typed command; a usage error comes back to the
/// form as a field error. Every platform renders it its own way (Slack modal, Teams card, HTML).
/// </summary>
public sealed record ChatForm(string Id, string Title, string SubmitLabel, string CommandTemplate, IReadOnlyList<FormField> Fields)
{
    /// <summary>Fills the template; values are single-line so a submission cannot smuggle a second command.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values)
    {
        var command = CommandTemplate;
        foreach (var field in Fields)
        {
            var value = values.TryGetValue(field.Id, out var v) ? v : string.Empty;
            command = command.Replace("{" + field.Id + "}", value.ReplaceLineEndings(" ").Trim(), StringComparison.Ordinal);
        }

        return string.Join(' ', command.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public bool Equals(ChatForm? other) =>
        other is not null && Id == other.Id && Title == other.Title && SubmitLabel == other.SubmitLabel
        && CommandTemplate == other.CommandTemplate && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Id, CommandTemplate);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextInput), "text")]
[JsonDerivedType(typeof(Choice), "choice")]
public abstract record FormField(string Id, string Label, bool Optional);

public sealed record TextInput(string Id, string Label, bool Optional = false, bool Multiline = false, string? Placeholder = null, string? Initial = null)
    : FormField(Id, Label, Optional);

public sealed record Choice(string Id, string Label, IReadOnlyList<ChoiceOption> Options, string? Initial = null, bool Optional = false)
    : FormField(Id, Label, Optional)
{
    public bool Equals(Choice? other) =>
        other is not null && base.Equals(other) && Options.SequenceEqual(other.Options) && Initial == other.Initial;

    public override int GetHashCode() => HashCode.Combine(Id, Options.Count);
}

public sealed record ChoiceOption(string Value, string Label);
