using System.Text.RegularExpressions;
using ChatOps.Incidents;

namespace ChatOps.Chat.Commands;

/// <summary>
/// A small cursor over command text shared by every grammar: words, the free-text rest,
/// "--flag value" options, "#42" incident references and user mentions. Never throws.
/// Mentions are in the neutral form "&lt;@ID&gt;" (Slack sends it; Teams is normalised to it).
/// </summary>
public sealed partial class CommandText
{
    private string _rest;

    public CommandText(string? text)
    {
        _rest = Normalize(text);
    }

    public string Rest => _rest;

    public bool IsEmpty => _rest.Length == 0;

    /// <summary>The next whitespace-separated word, or empty at the end.</summary>
    public string NextWord()
    {
        var end = _rest.IndexOf(' ', StringComparison.Ordinal);
        var word = end < 0 ? _rest : _rest[..end];
        _rest = end < 0 ? string.Empty : _rest[(end + 1)..].TrimStart();
        return word;
    }

    public string PeekWord()
    {
        var end = _rest.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? _rest : _rest[..end];
    }

    /// <summary>Removes the first "key:value" word anywhere in the text and returns the value ("due:2026-03-09").</summary>
    public string? TakeKeyed(string key)
    {
        var words = _rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(words, w => w.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return null;
        }

        _rest = string.Join(' ', words.Where((_, i) => i != index));
        return words[index][(key.Length + 1)..];
    }

    /// <summary>Takes the rest of the text as free text.</summary>
    public string TakeRest()
    {
        var rest = _rest;
        _rest = string.Empty;
        return rest;
    }

    /// <summary>Removes "--name value" anywhere in the text (value up to the next "--" option or the end when <paramref name="toEnd"/>).</summary>
    public string? TakeOption(string name, bool toEnd = false)
    {
        var pattern = toEnd
            ? $@"(?:^|\s)--{Regex.Escape(name)}(?:\s+|=)(?<v>.+?)(?=\s--[a-z]|$)"
            : $@"(?:^|\s)--{Regex.Escape(name)}(?:\s+|=)(?<v>\S+)";
        var match = Regex.Match(_rest, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        if (!match.Success)
        {
            return null;
        }

        _rest = Normalize(_rest.Remove(match.Index, match.Length));
        return match.Groups["v"].Value.Trim();
    }

    /// <summary>Whether "--name" (without a value) is present; removes it.</summary>
    public bool TakeSwitch(string name)
    {
        var match = Regex.Match(_rest, $@"(?:^|\s)--{Regex.Escape(name)}(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        if (!match.Success)
        {
            return false;
        }

        _rest = Normalize(_rest.Remove(match.Index, match.Length));
        return true;
    }

    /// <summary>Takes a leading "#42", "INC-42" or "inc42" reference to an incident number.</summary>
    public long? TakeIncidentRef()
    {
        var match = IncidentRefPattern().Match(PeekWord());
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, out var number) || number <= 0)
        {
            return null;
        }

        NextWord();
        return number;
    }

    /// <summary>Takes a leading user mention and returns the user id.</summary>
    public string? TakeMention()
    {
        var id = MentionId(PeekWord());
        if (id is not null)
        {
            NextWord();
        }

        return id;
    }

    /// <summary>The user id of a mention token ("&lt;@U123&gt;", "&lt;@U123|name&gt;"), or null.</summary>
    public static string? MentionId(string token)
    {
        var match = MentionPattern().Match(token);
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>Finds and removes the first mention anywhere in the text.</summary>
    public string? TakeMentionAnywhere()
    {
        var match = MentionPattern().Match(_rest);
        if (!match.Success)
        {
            return null;
        }

        _rest = Normalize(_rest.Remove(match.Index, match.Length));
        return match.Groups["id"].Value;
    }

    /// <summary>"sev1", "SEV-1", "s1", "p1", "1" -> Sev1.</summary>
    public static Severity? ParseSeverity(string word)
    {
        var match = SeverityPattern().Match(word);
        return match.Success ? (Severity)int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string Normalize(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim();

    [GeneratedRegex(@"^(?:#|inc-?)(?<n>\d{1,12})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IncidentRefPattern();

    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9:_\-\.]{1,200})(?:\|[^>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"^(?:sev-?|s|p)?(?<n>[1-4])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeverityPattern();
}
