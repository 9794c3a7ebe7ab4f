using System.Globalization;
using System.Text;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>
/// Slack channel names: lower-case a-z, 0-9, '-' and '_', at most 80 characters. Slack validates
/// rather than normalises, so names are made valid here ("INC 42: DB down!" -> "inc-42-db-down").
/// </summary>
public static class SlackChannelName
{
    public static string Normalize(string name)
    {
        var text = new StringBuilder(name.Length);
        var lastWasSeparator = true;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                text.Append(lower);
                lastWasSeparator = false;
            }
            else if (!lastWasSeparator)
            {
                text.Append(lower == '_' ? '_' : '-');
                lastWasSeparator = true;
            }
        }

        var result = Fit(text.ToString(), SlackLimits.ChannelName);
        return result.Length == 0 ? "incident" : result;
    }

    /// <summary>The n-th candidate: the name itself, then name-2, name-3 ... still within 80 characters.</summary>
    public static string Candidate(string normalized, int attempt)
    {
        if (attempt <= 1)
        {
            return normalized;
        }

        var suffix = "-" + attempt.ToString(CultureInfo.InvariantCulture);
        return Fit(normalized, SlackLimits.ChannelName - suffix.Length) + suffix;
    }

    private static string Fit(string name, int max) => (name.Length <= max ? name : name[..max]).Trim('-', '_');
}
