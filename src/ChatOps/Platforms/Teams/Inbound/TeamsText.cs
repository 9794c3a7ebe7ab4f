using System.Net;
using System.Text.RegularExpressions;

namespace ChatOps.Platforms.Teams.Inbound;

/// <summary>
/// Teams message text to what the rest of ChatOps reads: the bot's own @mention removed, other
/// &lt;at&gt; mentions turned into the neutral "&lt;@ID&gt;" by their entity ids (never by the
/// text, which anyone can type), HTML markup and entities flattened.
/// </summary>
public static partial class TeamsText
{
    /// <summary>The command line of a message addressed to the bot.</summary>
    public static string CommandLine(TeamsActivity activity) =>
        Flatten(ReplaceMentions(activity, m => m.Id == activity.Recipient?.Id ? " " : $" <@{m.Id}> "));

    /// <summary>The text for the timeline: mentions as "@Name".</summary>
    public static string Readable(TeamsActivity activity) =>
        Flatten(ReplaceMentions(activity, m => $"@{m.Name ?? m.Id}"));

    private static string ReplaceMentions(TeamsActivity activity, Func<TeamsMention, string> replacement)
    {
        var text = activity.Text ?? string.Empty;
        foreach (var mention in activity.Mentions)
        {
            // The entity's text should occur verbatim; Teams examples show it can differ ("<at>@Name</at>"),
            // so the tag around the mentioned name is tried as well.
            foreach (var candidate in new[] { mention.Text, mention.Name is null ? null : $"<at>{mention.Name}</at>" })
            {
                if (!string.IsNullOrEmpty(candidate) && text.Contains(candidate, StringComparison.OrdinalIgnoreCase))
                {
                    text = text.Replace(candidate, replacement(mention), StringComparison.OrdinalIgnoreCase);
                    break;
                }
            }
        }

        return text;
    }

    private static string Flatten(string text)
    {
        var withoutTags = Tags().Replace(text, " ");
        var decoded = WebUtility.HtmlDecode(withoutTags).Replace('\u00A0', ' ');
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Any markup tag except the neutral mention form.</summary>
    [GeneratedRegex("<(?!@)[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
