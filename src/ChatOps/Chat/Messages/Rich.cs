using System.Text.Json.Serialization;

namespace ChatOps.Chat.Messages;

/// <summary>
/// Platform-neutral inline text. User-supplied text only ever enters as <see cref="Plain"/> (or
/// Bold/Code), which every renderer escapes, so nobody can inject <c>&lt;!channel&gt;</c> or a
/// mention through the bot: mentions exist only as <see cref="Mention"/> built from an id.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "t")]
[JsonDerivedType(typeof(Plain), "text")]
[JsonDerivedType(typeof(Bold), "bold")]
[JsonDerivedType(typeof(Italic), "italic")]
[JsonDerivedType(typeof(Code), "code")]
[JsonDerivedType(typeof(Mention), "mention")]
[JsonDerivedType(typeof(ChannelRef), "channel")]
[JsonDerivedType(typeof(Link), "link")]
[JsonDerivedType(typeof(Time), "time")]
[JsonDerivedType(typeof(LineBreak), "br")]
public abstract record Inline
{
    /// <summary>The text a reader would see, without markup (fallbacks, search, logs).</summary>
    public abstract string ToPlainText();
}

public sealed record Plain(string Text) : Inline
{
    public override string ToPlainText() => Text;
}

public sealed record Bold(string Text) : Inline
{
    public override string ToPlainText() => Text;
}

public sealed record Italic(string Text) : Inline
{
    public override string ToPlainText() => Text;
}

public sealed record Code(string Text) : Inline
{
    public override string ToPlainText() => Text;
}

/// <summary>A user mention; renderers emit it only for ids of the platform's id shape.</summary>
public sealed record Mention(string UserId) : Inline
{
    public override string ToPlainText() => $"@{UserId}";
}

public sealed record ChannelRef(string ChannelId, string? Name = null) : Inline
{
    public override string ToPlainText() => $"#{Name ?? ChannelId}";
}

public sealed record Link(string Url, string Label) : Inline
{
    public override string ToPlainText() => Label;
}

/// <summary>An instant each reader sees in their own time zone where the platform can (Slack's date token).</summary>
public sealed record Time(DateTimeOffset At) : Inline
{
    public override string ToPlainText() => At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record LineBreak : Inline
{
    public override string ToPlainText() => "\n";
}

/// <summary>A run of inlines: one paragraph, field value or context element.</summary>
public sealed record Rich(IReadOnlyList<Inline> Parts)
{
    public static Rich Empty { get; } = new([]);

    public static Rich Of(params Inline[] parts) => new(parts);

    public static Rich Text(string text) => new([new Plain(text)]);

    public static implicit operator Rich(string text) => Text(text);

    public string ToPlainText() => string.Concat(Parts.Select(p => p.ToPlainText()));

    public Rich Append(params Inline[] more) => new([.. Parts, .. more]);

    public bool Equals(Rich? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(0, (h, p) => HashCode.Combine(h, p));
}
