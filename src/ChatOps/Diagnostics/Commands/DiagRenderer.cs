using System.Text;
using ChatOps.Chat;
using ChatOps.Chat.Messages;

namespace ChatOps.Diagnostics.Commands;

/// <summary>
/// Turns a <see cref="DiagResult"/> into a neutral chat message: summary first, the top items of
/// each section, a truncation notice, next steps, and what could not be checked. Everything read
/// from the cluster is redacted and enters as plain text. The full output becomes a file when it
/// does not fit.
/// </summary>
public static class DiagRenderer
{
    /// <summary>Longest line shown in chat; the file keeps whole lines.</summary>
    public const int MaxLineLength = 300;

    public static (ChatMessage Message, ChatFile? File) Render(DiagResult result, string cluster, int maxItems, bool canAttach)
    {
        var blocks = new List<Block>
        {
            new Header(Truncate(Redaction.Clean(result.Title), 140)),
            new Section(Rich.Of(new Bold(Truncate(Redaction.Clean(result.Summary), 600)))),
        };
        var truncated = false;
        foreach (var section in result.Sections.Where(s => s.Lines.Count > 0))
        {
            var inlines = new List<Inline> { new Bold(section.Heading) };
            foreach (var line in section.Lines.Take(maxItems))
            {
                inlines.Add(new LineBreak());
                inlines.Add(new Plain("• " + Truncate(Redaction.Clean(line), MaxLineLength)));
                truncated |= line.Length > MaxLineLength;
            }

            if (section.Lines.Count > maxItems)
            {
                truncated = true;
                inlines.Add(new LineBreak());
                inlines.Add(new Italic($"…and {section.Lines.Count - maxItems} more{(canAttach ? " (full list in the attached file)" : string.Empty)}"));
            }

            blocks.Add(new Section(new Rich(inlines)));
        }

        if (result.Next.Count > 0)
        {
            var next = new List<Inline> { new Bold("Next") };
            foreach (var step in result.Next)
            {
                next.Add(new LineBreak());
                next.Add(step.StartsWith('/') || step.StartsWith("kubectl", StringComparison.Ordinal) ? new Code(step) : new Plain(step));
            }

            blocks.Add(new Section(new Rich(next)));
        }

        var context = new List<Inline> { new Plain($"Read-only · cluster "), new Code(cluster) };
        if (result.Missing.Count > 0)
        {
            context.Add(new Plain(" · not checked: " + Truncate(Redaction.Clean(string.Join("; ", result.Missing)), 900)));
        }

        if (truncated && !canAttach)
        {
            context.Add(new Plain(" · output shortened; narrow it with a namespace"));
        }

        blocks.Add(new Context([new Rich(context)]));
        var fallback = Truncate(Redaction.Clean($"{result.Title}: {result.Summary}"), 300);
        var file = truncated && canAttach
            ? new ChatFile($"diag-{Slug(result.Title)}.txt", result.Title, FullText(result, cluster), "Full /diag output")
            : null;
        return (new ChatMessage(fallback, blocks), file);
    }

    /// <summary>Every line of the result as plain text (redacted), for the attached file.</summary>
    public static string FullText(DiagResult result, string cluster)
    {
        var text = new StringBuilder();
        text.AppendLine(result.Title).AppendLine(result.Summary).AppendLine($"cluster: {cluster} (read-only)");
        foreach (var section in result.Sections)
        {
            text.AppendLine().AppendLine(section.Heading);
            foreach (var line in section.Lines)
            {
                text.Append("  - ").AppendLine(line);
            }
        }

        if (result.Next.Count > 0)
        {
            text.AppendLine().AppendLine("Next");
            foreach (var step in result.Next)
            {
                text.Append("  - ").AppendLine(step);
            }
        }

        if (result.Missing.Count > 0)
        {
            text.AppendLine().AppendLine("Not checked");
            foreach (var missing in result.Missing)
            {
                text.Append("  - ").AppendLine(missing);
            }
        }

        return Redaction.Clean(text.ToString());
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Slug(string title) =>
        new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') is { Length: > 0 } s
            ? (s.Length > 40 ? s[..40] : s)
            : "output";
}
