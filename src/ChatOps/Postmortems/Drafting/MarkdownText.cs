using System.Text;

namespace ChatOps.Postmortems.Drafting;

/// <summary>
/// Puts user text into the draft as inert text: one line, no headings, lists, quotes, tables,
/// emphasis, code, links, images, autolinks, raw HTML or entities, and no chat mentions
/// (<c>&lt;@U123&gt;</c> and <c>&lt;!channel&gt;</c> lose their angle brackets). What a reader sees
/// is what was typed.
/// </summary>
public static class MarkdownText
{
    /// <summary>Appends <paramref name="text"/> escaped; line breaks and tabs become single spaces.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder sb, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return sb;
        }

        var start = sb.Length;
        var pendingSpace = false;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPlain(c))
            {
                // Runs of ordinary characters are copied in one go: most text is nothing but.
                if (pendingSpace)
                {
                    sb.Append(' ');
                    pendingSpace = false;
                }

                run = i;
                while (i + 1 < text.Length && IsPlain(text[i + 1]))
                {
                    i++;
                }

                sb.Append(text.AsSpan(run, i - run + 1));
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // Whitespace runs collapse so a cell or list item can never start a new block.
                pendingSpace = sb.Length > start;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            var atStart = sb.Length == start;
            switch (c)
            {
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '~' or '!' or '$':
                    sb.Append('\\').Append(c);
                    break;
                case '-' or '+' or '=' when atStart:
                    // A leading marker would start a list or a setext underline.
                    sb.Append('\\').Append(c);
                    break;
                case ':' when Follows(text, i, "//"):
                    // "https://x" would become a link under GFM's autolink extension.
                    sb.Append(':').Append("\\/\\/");
                    i += 2;
                    break;
                case '.' when IsWww(text, i) || (IsLeadingNumber(sb, start) && NextIsSpaceOrEnd(text, i)):
                    sb.Append("\\.");
                    break;
                case ')' when IsLeadingNumber(sb, start) && NextIsSpaceOrEnd(text, i):
                    sb.Append("\\)");
                    break;
                case '@':
                    // "user@example.com" would become a mailto link; the escape keeps it text.
                    sb.Append("\\@");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb;
    }

    /// <summary>The escaped text as a string (table cells, summaries).</summary>
    public static string Escape(string? text) => new StringBuilder(text?.Length ?? 0).AppendEscaped(text).ToString();

    /// <summary>Letters, digits and the punctuation that is inert anywhere in a line.</summary>
    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ',' or ';' or '?' or '\'' or '"' or '%' or '/' or '^' or '{' or '}' or '(' or '\u00A0'
        || (c > '\u007F' && !char.IsWhiteSpace(c) && !char.IsControl(c));

    private static bool Follows(string text, int i, string what) =>
        string.CompareOrdinal(text, i + 1, what, 0, what.Length) == 0;

    private static bool IsWww(string text, int i) =>
        i >= 3 && string.Compare(text, i - 3, "www", 0, 3, StringComparison.OrdinalIgnoreCase) == 0
        && (i == 3 || !char.IsLetterOrDigit(text[i - 4]));

    private static bool NextIsSpaceOrEnd(string text, int i) => i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]);

    /// <summary>"1." or "12)" at the start would begin an ordered list.</summary>
    private static bool IsLeadingNumber(StringBuilder sb, int start)
    {
        if (sb.Length == start)
        {
            return false;
        }

        for (var k = start; k < sb.Length; k++)
        {
            if (!char.IsAsciiDigit(sb[k]))
            {
                return false;
            }
        }

        return true;
    }
}
