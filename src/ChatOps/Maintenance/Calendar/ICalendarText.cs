using System.Text;

namespace ChatOps.Maintenance.Calendar;

/// <summary>RFC 5545 text rules: TEXT escaping (3.3.11) and content-line folding at 75 octets (3.1).</summary>
public static class ICalendarText
{
    public const int MaxOctets = 75;

    /// <summary>Escapes backslash, semicolon, comma and newlines; drops other control characters.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.ReplaceLineEndings("\n"))
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case ';': text.Append(@"\;"); break;
                case ',': text.Append(@"\,"); break;
                case '\n': text.Append(@"\n"); break;
                case '\t': text.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Appends one content line with CRLF, folded so no physical line exceeds 75 octets of UTF-8.
    /// Folds fall between characters (never inside a UTF-8 sequence or a surrogate pair) and never
    /// inside a backslash escape; each continuation starts with one space, which counts toward its
    /// 75. A space is carried over rather than left at the end of a line, so tools that trim
    /// trailing whitespace cannot change the text.
    /// </summary>
    public static void AppendLine(StringBuilder output, string line)
    {
        var octets = 0;
        var lineStart = output.Length;
        for (var i = 0; i < line.Length;)
        {
            var width = (char.IsHighSurrogate(line[i]) || line[i] == '\\') && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > MaxOctets)
            {
                var carried = output[^1] == ' ' && output.Length - lineStart > 1;
                if (carried)
                {
                    output.Length--;
                }

                output.Append("\r\n ");
                lineStart = output.Length - 1;
                octets = 1;
                if (carried)
                {
                    output.Append(' ');
                    octets++;
                }
            }

            output.Append(line, i, width);
            octets += size;
            i += width;
        }

        output.Append("\r\n");
    }
}
