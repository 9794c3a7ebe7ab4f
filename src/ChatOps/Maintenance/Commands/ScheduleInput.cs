using System.Text.RegularExpressions;
using ChatOps.Chat.Commands;
using ChatOps.Maintenance.Parsing;

namespace ChatOps.Maintenance.Commands;

/// <summary>"/maint schedule|emergency" as typed, before the start is resolved to an instant.</summary>
public sealed partial record ScheduleInput(WindowKind Kind, StartSpec Start, TimeSpan Duration, string Title, string? Scope, string? Reason)
{
    public const int MaxTitle = 200;
    public const int MaxText = 500;

    public string Usage => MaintUsage.For(Kind);

    /// <summary>Parses the text after the subcommand; null with a specific problem when it is malformed.</summary>
    public static ScheduleInput? Parse(string text, WindowKind kind, out string? problem)
    {
        // A form submitted with an empty field leaves a bare "--scope": it means none.
        var words = new CommandText(EmptyOption().Replace(text, string.Empty));
        var scope = words.TakeOption("scope", toEnd: true);
        string? reason = null;
        if (kind == WindowKind.Emergency)
        {
            reason = words.TakeOption("reason", toEnd: true);
            if (string.IsNullOrWhiteSpace(reason))
            {
                problem = "An emergency window needs a reason: add --reason <why it cannot wait>.";
                return null;
            }
        }

        var start = StartTime.Parse(words, out problem);
        if (start is null)
        {
            return null;
        }

        if (!Durations.TryParse(words.NextWord(), out var duration, out problem))
        {
            return null;
        }

        var title = words.TakeRest();
        problem = title.Length switch
        {
            0 => "The title is missing: say what the maintenance is (for example \"Upgrade prod-eu to Kubernetes 1.31\").",
            > MaxTitle => $"Keep the title under {MaxTitle} characters.",
            _ => scope?.Length > MaxText || reason?.Length > MaxText ? $"Keep the scope and the reason under {MaxText} characters." : null,
        };

        return problem is null ? new ScheduleInput(kind, start, duration, title, scope, reason) : null;
    }

    [GeneratedRegex(@"(?:^|\s)--(?:scope|reason)(?=\s+--[a-z]|\s*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmptyOption();
}
