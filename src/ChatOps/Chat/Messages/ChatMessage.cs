using System.Text.Json.Serialization;

namespace ChatOps.Chat.Messages;

/// <summary>
/// What features say, before any platform renders it: Block Kit for Slack, an Adaptive Card for
/// Teams, HTML for the playground. <see cref="Fallback"/> is the notification and screen-reader text.
/// </summary>
public sealed record ChatMessage(string Fallback, IReadOnlyList<Block> Blocks)
{
    public static ChatMessage Text(Rich text) => new(text.ToPlainText(), [new Section(text)]);

    public static ChatMessage Text(string text) => Text(Rich.Text(text));

    public bool Equals(ChatMessage? other) =>
        other is not null && Fallback == other.Fallback && Blocks.SequenceEqual(other.Blocks);

    public override int GetHashCode() => HashCode.Combine(Fallback, Blocks.Count);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Header), "header")]
[JsonDerivedType(typeof(Section), "section")]
[JsonDerivedType(typeof(Context), "context")]
[JsonDerivedType(typeof(Actions), "actions")]
[JsonDerivedType(typeof(Divider), "divider")]
[JsonDerivedType(typeof(Preformatted), "pre")]
public abstract record Block;

/// <summary>A title line (plain text, no markup).</summary>
public sealed record Header(string Text) : Block;

/// <summary>A paragraph with optional label/value fields beside or below it.</summary>
public sealed record Section(Rich Text, IReadOnlyList<Field>? Fields = null) : Block
{
    public bool Equals(Section? other) =>
        other is not null && Text.Equals(other.Text) && (Fields ?? []).SequenceEqual(other.Fields ?? []);

    public override int GetHashCode() => Text.GetHashCode();
}

public sealed record Field(string Label, Rich Value);

/// <summary>Small print: who, when, what next.</summary>
public sealed record Context(IReadOnlyList<Rich> Elements) : Block
{
    public bool Equals(Context? other) => other is not null && Elements.SequenceEqual(other.Elements);

    public override int GetHashCode() => Elements.Count;
}

public sealed record Actions(IReadOnlyList<Button> Buttons) : Block
{
    public bool Equals(Actions? other) => other is not null && Buttons.SequenceEqual(other.Buttons);

    public override int GetHashCode() => Buttons.Count;
}

public sealed record Divider : Block;

/// <summary>Monospaced text (command output). Renderers escape it and keep it within platform limits.</summary>
public sealed record Preformatted(string Text) : Block;

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>
/// A button runs <see cref="Command"/> as if the person who clicked had typed it, so buttons and
/// slash commands share one code path and one permission check on every platform.
/// <see cref="Url"/> buttons only open a link.
/// </summary>
public sealed record Button(string Text, string? Command = null, ButtonStyle Style = ButtonStyle.Default, string? Url = null);
