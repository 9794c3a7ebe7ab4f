using System.Globalization;
using System.Text.RegularExpressions;
using ChatOps.Chat.Commands;

namespace ChatOps.Incidents;

/// <summary>
/// The /incident grammar (design.md). Pure and total: any text gives a command or a specific
/// usage error, never an exception (a property test holds it to that).
/// </summary>
public static partial class IncidentGrammar
{
    public const int MaxTitle = 150;
    public const int MaxText = 3000;

    public static readonly IReadOnlyList<HelpLine> Help =
    [
        new("/incident declare [sev1-4] <title>", "Open an incident with its own channel (alias: new); no text opens a form."),
        new("/incident status [#n] <text>", "Post a status update here and in the broadcast channel; restarts the update clock."),
        new("/incident sev [#n] <1-4>", "Change the severity; the update clock restarts with the new cadence."),
        new("/incident snooze [#n] [duration]", "Hold status-update reminders (default 10m); the update is then due when the snooze ends."),
        new("/incident role [#n] <ic|comms|ops|scribe> @user", "Assign a role (ic hands over incident command)."),
        new("/incident note [#n] <text>", "Record a key event on the timeline."),
        new("/incident action [#n] <text> [@owner] [due:YYYY-MM-DD]", "Add a follow-up action item."),
        new("/incident action [#n] list | done <id>", "List action items, or mark one done."),
        new("/incident mitigated [#n] [text]", "Impact is contained; updates relax to the next severity's cadence."),
        new("/incident resolve [#n] [text]", "The incident is over; reminders stop."),
        new("/incident close [#n]", "Close a resolved incident and draft the postmortem."),
        new("/incident reopen [#n] [text]", "Reopen a resolved or closed incident."),
        new("/incident timeline [#n]", "Show the latest key events."),
        new("/incident list", "Show open incidents."),
        new("/incident help", "Show this help."),
    ];

    public static string UsageOf(string subcommand) =>
        Help.FirstOrDefault(h => h.Usage.StartsWith($"/incident {subcommand}", StringComparison.Ordinal))?.Usage
        ?? "/incident help";

    public static IncidentParse Parse(string? input)
    {
        var text = new CommandText(input);
        var verb = text.NextWord().ToLowerInvariant();
        return verb switch
        {
            "" or "help" => IncidentParse.Ok(new IncidentHelp(text.IsEmpty ? null : text.NextWord().ToLowerInvariant())),
            "declare" or "new" => Declare(text),
            "status" or "update" => WithText(text, "status", (n, t) => new PostStatus(n, t), n => new StatusForm(n)),
            "sev" or "severity" => Severity(text),
            "snooze" => SnoozeFor(text),
            "role" => Role(text),
            "note" => WithText(text, "note", (n, t) => new AddNote(n, t), null),
            "action" => Action(text),
            "mitigated" or "mitigate" => Optional(text, (n, t) => new Mitigate(n, t)),
            "resolve" or "resolved" => Optional(text, (n, t) => new Resolve(n, t)),
            "close" => Close(text),
            "reopen" => Optional(text, (n, t) => new Reopen(n, t)),
            "timeline" => NoText(text, "timeline", n => new ShowTimeline(n)),
            "list" => IncidentParse.Ok(new ListIncidents()),
            _ => IncidentParse.Fail($"\"{Shorten(verb)}\" is not an /incident subcommand.", "/incident help"),
        };
    }

    private static IncidentParse Declare(CommandText text)
    {
        if (text.IsEmpty)
        {
            return IncidentParse.Ok(new DeclareForm());
        }

        var severity = CommandText.ParseSeverity(text.PeekWord());
        if (severity is not null)
        {
            text.NextWord();
        }

        var title = text.TakeRest();
        if (title.Length == 0)
        {
            return IncidentParse.Fail("An incident needs a title.", UsageOf("declare"));
        }

        if (title.Length > MaxTitle)
        {
            return IncidentParse.Fail($"The title is {title.Length} characters; keep it under {MaxTitle} and put details in a status update.", UsageOf("declare"));
        }

        return IncidentParse.Ok(new DeclareIncident(severity ?? Incidents.Severity.Sev3, title));
    }

    private static IncidentParse WithText(CommandText text, string verb, Func<long?, string, IncidentCommand> make, Func<long?, IncidentCommand>? form)
    {
        var number = text.TakeIncidentRef();
        var rest = text.TakeRest();
        if (rest.Length == 0)
        {
            return form is not null ? IncidentParse.Ok(form(number)) : IncidentParse.Fail($"Say what to record after \"{verb}\".", UsageOf(verb));
        }

        return rest.Length > MaxText
            ? IncidentParse.Fail($"That is {rest.Length} characters; the limit is {MaxText}.", UsageOf(verb))
            : IncidentParse.Ok(make(number, rest));
    }

    private static IncidentParse Optional(CommandText text, Func<long?, string, IncidentCommand> make)
    {
        var number = text.TakeIncidentRef();
        var rest = text.TakeRest();
        return rest.Length > MaxText
            ? IncidentParse.Fail($"That is {rest.Length} characters; the limit is {MaxText}.", "/incident help")
            : IncidentParse.Ok(make(number, rest));
    }

    private static IncidentParse NoText(CommandText text, string verb, Func<long?, IncidentCommand> make)
    {
        var number = text.TakeIncidentRef();
        return text.IsEmpty
            ? IncidentParse.Ok(make(number))
            : IncidentParse.Fail($"\"{verb}\" takes only an incident reference such as #42.", UsageOf(verb));
    }

    private static IncidentParse Severity(CommandText text)
    {
        var number = text.TakeIncidentRef();
        var word = text.NextWord();
        var severity = CommandText.ParseSeverity(word);
        if (severity is null || !text.IsEmpty)
        {
            return IncidentParse.Fail(word.Length == 0 ? "Which severity, 1 to 4?" : $"\"{Shorten(word)}\" is not a severity; use 1 to 4.", UsageOf("sev"));
        }

        return IncidentParse.Ok(new ChangeSeverity(number, severity.Value));
    }

    private static IncidentParse SnoozeFor(CommandText text)
    {
        var number = text.TakeIncidentRef();
        var word = text.NextWord();
        if (word.Length == 0)
        {
            return IncidentParse.Ok(new Snooze(number, null));
        }

        var match = SnoozePattern().Match(word);
        var duration = match.Success
            ? TimeSpan.FromHours(Digits(match, "h")) + TimeSpan.FromMinutes(Digits(match, "m")) + TimeSpan.FromSeconds(Digits(match, "s"))
            : TimeSpan.Zero;
        if (duration <= TimeSpan.Zero || !text.IsEmpty)
        {
            return IncidentParse.Fail($"\"{Shorten(word)}\" is not a duration; write it like 10m, 30m or 1h.", UsageOf("snooze"));
        }

        return IncidentParse.Ok(new Snooze(number, duration));
    }

    private static int Digits(Match match, string name) =>
        match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?=\d)(?:(?<h>\d{1,2})h)?(?:(?<m>\d{1,4})m(?:in)?)?(?:(?<s>\d{1,5})s)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SnoozePattern();

    private static IncidentParse Role(CommandText text)
    {
        var number = text.TakeIncidentRef();
        var roleWord = text.NextWord();
        var role = IncidentRoleNames.Parse(roleWord);
        if (role is null)
        {
            return IncidentParse.Fail(roleWord.Length == 0 ? "Which role: ic, comms, ops or scribe?" : $"\"{Shorten(roleWord)}\" is not a role; use ic, comms, ops or scribe.", UsageOf("role"));
        }

        var user = text.TakeMention();
        if (user is null || !text.IsEmpty)
        {
            return IncidentParse.Fail("Mention exactly one person to take the role, like @alex.", UsageOf("role"));
        }

        return IncidentParse.Ok(new AssignRole(number, role.Value, user));
    }

    private static IncidentParse Action(CommandText text)
    {
        var number = text.TakeIncidentRef();
        var rest = text.Rest;
        if (rest.Equals("list", StringComparison.OrdinalIgnoreCase))
        {
            return IncidentParse.Ok(new ListActions(number));
        }

        var done = new CommandText(rest);
        if (done.NextWord().Equals("done", StringComparison.OrdinalIgnoreCase))
        {
            var id = done.NextWord().TrimStart('#');
            return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var actionId) && actionId > 0 && done.IsEmpty
                ? IncidentParse.Ok(new CompleteAction(number, actionId))
                : IncidentParse.Fail("Which action? Give its number from /incident action list.", UsageOf("action [#n] list"));
        }

        DateOnly? due = null;
        if (text.TakeKeyed("due") is { } rawDue)
        {
            if (!DateOnly.TryParseExact(rawDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return IncidentParse.Fail($"\"{Shorten(rawDue)}\" is not a date; write due:YYYY-MM-DD.", UsageOf("action"));
            }

            due = date;
        }

        var owner = text.TakeMentionAnywhere();
        var what = text.TakeRest();
        if (what.Length == 0)
        {
            return IncidentParse.Fail("Describe the action item.", UsageOf("action"));
        }

        return what.Length > MaxText
            ? IncidentParse.Fail($"That is {what.Length} characters; the limit is {MaxText}.", UsageOf("action"))
            : IncidentParse.Ok(new AddAction(number, what, owner, due));
    }

    private static IncidentParse Close(CommandText text)
    {
        var number = text.TakeIncidentRef();
        var confirmed = text.TakeSwitch("confirm") || text.PeekWord().Equals("confirm", StringComparison.OrdinalIgnoreCase);
        if (text.PeekWord().Equals("confirm", StringComparison.OrdinalIgnoreCase))
        {
            text.NextWord();
        }

        return text.IsEmpty
            ? IncidentParse.Ok(new Close(number, confirmed))
            : IncidentParse.Fail("\"close\" takes only an incident reference such as #42.", UsageOf("close"));
    }

    private static string Shorten(string word) => word.Length <= 30 ? word : word[..30] + "…";
}
