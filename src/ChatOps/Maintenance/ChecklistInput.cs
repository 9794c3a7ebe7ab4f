using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOps.Maintenance;

/// <summary>One checklist value to store; null <see cref="Text"/> clears the item.</summary>
public sealed record ChecklistChange(ChecklistItem Item, string? Text);

/// <summary>
/// Reads checklist values: "rollback https://wiki/rollback", "backup 2026-11-20",
/// "staging yes 3 nodes like prod", "dryrun no". "no", "clear" or "-" clears an item.
/// Also the form's "--rollback ... --backup ..." shape, where an empty value means unchanged.
/// </summary>
public static partial class ChecklistInput
{
    private const int MaxLength = 300;

    public static ChecklistChange? Parse(ChecklistItem item, string value, DateOnly today, out string? problem)
    {
        problem = null;
        value = value.Trim();
        if (value.Length == 0)
        {
            problem = $"Give a value for {item.Key()}: {item.Hint()}.";
            return null;
        }

        if (value.Length > MaxLength)
        {
            problem = $"Keep the {item.Key()} value under {MaxLength} characters.";
            return null;
        }

        if (value is "-" || value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("clear", StringComparison.OrdinalIgnoreCase)
            || value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new ChecklistChange(item, null);
        }

        switch (item)
        {
            case ChecklistItem.Rollback:
                if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !value.Contains(' ', StringComparison.Ordinal))
                {
                    return new ChecklistChange(item, uri.AbsoluteUri);
                }

                problem = $"The rollback plan must be a link (http or https), not '{value}'.";
                return null;
            case ChecklistItem.Backup:
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problem = $"Give the date of the last verified backup as YYYY-MM-DD, not '{value}'.";
                    return null;
                }

                // A day of slack: the user's today may be ahead of UTC.
                if (date > today.AddDays(1))
                {
                    problem = $"The last verified backup cannot be in the future ({value}).";
                    return null;
                }

                return new ChecklistChange(item, value);
            default:
                var match = YesPattern().Match(value);
                if (!match.Success)
                {
                    problem = $"Answer {item.Key()} with yes (and an optional note) or no.";
                    return null;
                }

                var note = match.Groups["note"].Value.Trim();
                return new ChecklistChange(item, note.Length == 0 ? "yes" : $"yes: {note}");
        }
    }

    /// <summary>"--rollback x --backup y ...": every known item with a non-empty value.</summary>
    public static IReadOnlyList<(ChecklistItem Item, string Value)> SplitOptions(string text)
    {
        var found = new List<(ChecklistItem, string)>();
        var parts = OptionPattern().Split(" " + text);
        // Split with a capture group yields: prefix, name, value, name, value, ...
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            if (ChecklistItems.Parse(parts[i]) is { } item && parts[i + 1].Trim() is { Length: > 0 } value)
            {
                found.Add((item, value));
            }
        }

        return found;
    }

    public static bool HasOptions(string text) => OptionPattern().IsMatch(" " + text);

    [GeneratedRegex(@"^(?:yes|y|done|ok|true)\b[:,]?(?<note>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YesPattern();

    [GeneratedRegex(@"\s--([a-z_-]+)(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptionPattern();
}
