using ChatOps.Chat.Commands;

namespace ChatOps.Incidents;

/// <summary>
/// /incident: parses, finds the incident (this channel's, or the one named "#42"), checks that
/// the caller may change it, and hands over to the handler. Who may change an incident: anyone
/// in its channel (you can only type there as a member), its commander, and its role holders.
/// Declaring, listing, help and reading the timeline are open to everyone.
/// </summary>
public sealed class IncidentModule(
    IncidentStore incidents,
    IncidentDeclaration declaration,
    IncidentUpdates updates,
    IncidentLifecycle lifecycle,
    IncidentQueries queries) : ICommandModule
{
    public string Name => "incident";

    public IReadOnlyList<HelpLine> Help => IncidentGrammar.Help;

    public async Task<CommandResult> ExecuteAsync(string text, CommandContext context, CancellationToken ct)
    {
        var parsed = IncidentGrammar.Parse(text);
        if (parsed.Command is not { } command)
        {
            return CommandResult.Usage(parsed.Problem!, parsed.Usage!);
        }

        switch (command)
        {
            case DeclareForm:
                return new ShowForm(IncidentDeclaration.Form);
            case DeclareIncident declare:
                return await declaration.DeclareAsync(declare, context, ct);
            case ListIncidents:
                return await queries.ListAsync(ct);
            case IncidentHelp help:
                return IncidentQueries.Help(help.Topic);
        }

        var incident = command.Number is { } number
            ? await incidents.GetAsync(number, ct)
            : await incidents.FindByChannelAsync(context.Platform, context.ChannelId, ct);
        if (incident is null)
        {
            return command.Number is { } missing
                ? CommandResult.Private($"There is no {IncidentLabel.Of(missing)}. /incident list shows the open ones.")
                : CommandResult.Usage("This channel is not an incident channel; run the command in one, or name the incident like #42.", Usage(command));
        }

        if (incident.Platform != context.Platform)
        {
            return CommandResult.Private($"{incident.Label} lives on {incident.Platform}; change it there.");
        }

        if (command is ShowTimeline)
        {
            return await queries.TimelineAsync(incident, ct);
        }

        if (!await MayChangeAsync(incident, context, ct))
        {
            return CommandResult.Private($"Only people in the {incident.Label} channel, its incident commander and its role holders can change it. Ask to be invited, or ask the IC.");
        }

        return command switch
        {
            StatusForm => new ShowForm(StatusFormFor(incident)),
            PostStatus status => await updates.StatusAsync(incident, status, context, ct),
            ChangeSeverity severity => await updates.SeverityAsync(incident, severity, context, ct),
            Snooze snooze => await updates.SnoozeAsync(incident, snooze, context, ct),
            AssignRole role => await updates.RoleAsync(incident, role, context, ct),
            AddNote note => await updates.NoteAsync(incident, note, context, ct),
            AddAction action => await updates.ActionAsync(incident, action, context, ct),
            ListActions => await queries.ActionsAsync(incident, ct),
            CompleteAction done => await updates.CompleteActionAsync(incident, done, context, ct),
            Mitigate mitigate => await lifecycle.MitigateAsync(incident, mitigate, context, ct),
            Resolve resolve => await lifecycle.ResolveAsync(incident, resolve, context, ct),
            Close close => await lifecycle.CloseAsync(incident, close, context, ct),
            Reopen reopen => await lifecycle.ReopenAsync(incident, reopen, context, ct),
            _ => CommandResult.Usage("That subcommand is not available here.", "/incident help"),
        };
    }

    private async Task<bool> MayChangeAsync(Incident incident, CommandContext context, CancellationToken ct)
    {
        if (context.ChannelId == incident.ChannelId || context.UserId == incident.CommanderId)
        {
            return true;
        }

        var roles = await incidents.ListRolesAsync(incident.Number, ct);
        return roles.Any(r => r.UserId == context.UserId);
    }

    private static string Usage(IncidentCommand command) => command switch
    {
        PostStatus or StatusForm => IncidentGrammar.UsageOf("status"),
        ChangeSeverity => IncidentGrammar.UsageOf("sev"),
        Snooze => IncidentGrammar.UsageOf("snooze"),
        AssignRole => IncidentGrammar.UsageOf("role"),
        AddNote => IncidentGrammar.UsageOf("note"),
        AddAction or ListActions or CompleteAction => IncidentGrammar.UsageOf("action"),
        Mitigate => IncidentGrammar.UsageOf("mitigated"),
        Resolve => IncidentGrammar.UsageOf("resolve"),
        Close => IncidentGrammar.UsageOf("close"),
        Reopen => IncidentGrammar.UsageOf("reopen"),
        _ => IncidentGrammar.UsageOf("timeline"),
    };

    private static Chat.Messages.ChatForm StatusFormFor(Incident incident) => new(
        "incident-status",
        $"{incident.Label} status update",
        "Post update",
        $"/incident status #{incident.Number} {{text}}",
        [new Chat.Messages.TextInput("text", "What changed, what is next?", Multiline: true)]);
}
