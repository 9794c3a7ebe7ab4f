using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Storage;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;

namespace ChatOps.Incidents;

/// <summary>status, sev, role, note and action items: each one transaction with its timeline entry and posts.</summary>
public sealed class IncidentUpdates(Database database, IncidentChangesStore changes, IncidentEffects effects, IOptions<IncidentsOptions> options, TimeProvider clock)
{
    public async Task<CommandResult> StatusAsync(Incident i, PostStatus command, CommandContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = i with { LastStatusAt = now, SnoozedUntil = null };
        var nextDue = CadencePolicy.NextUpdateDue(after, options.Value.StatusCadence);
        var done = await ChangeAsync(async (c, tx) =>
        {
            if (!await changes.RecordStatusAsync(c, tx, i.Number, now, ct))
            {
                return false;
            }

            await effects.RecordAsync(c, tx, after, TimelineKind.Status, command.Text, context.UserId, key: true, new { nextDueAt = nextDue }, ct);
            var message = IncidentMessages.StatusUpdate(after, context.UserId, command.Text, nextDue);
            await effects.PostToChannelAsync(c, tx, after, message, ct);
            await effects.BroadcastAsync(c, tx, after, message, null, ct);
            await effects.RefreshAsync(c, tx, after, ct);
            return true;
        }, ct);
        if (!done)
        {
            return CommandResult.Private($"{i.Label} is closed; reopen it to post updates.");
        }

        return CommandResult.Private(nextDue is { } due
            ? Rich.Of(new Plain("Status update posted. Next update due "), new Time(due), new Plain("."))
            : Rich.Text("Status update posted."));
    }

    public async Task<CommandResult> SeverityAsync(Incident i, ChangeSeverity command, CommandContext context, CancellationToken ct)
    {
        if (i.Severity == command.Severity)
        {
            return CommandResult.Private($"{i.Label} is already {IncidentMessages.SeverityLabel(i.Severity)}.");
        }

        var changedAt = clock.GetUtcNow();
        var after = i with { Severity = command.Severity, SeverityChangedAt = changedAt };
        var change = $"{IncidentMessages.SeverityLabel(i.Severity)} -> {IncidentMessages.SeverityLabel(command.Severity)}";
        var done = await ChangeAsync(async (c, tx) =>
        {
            if (!await changes.ChangeSeverityAsync(c, tx, i.Number, i.Severity, command.Severity, changedAt, ct))
            {
                return false;
            }

            await effects.RecordAsync(c, tx, after, TimelineKind.Severity, change, context.UserId, key: true, new { from = (int)i.Severity, to = (int)command.Severity }, ct);
            var message = IncidentMessages.Change(after, Rich.Of(new Plain($"Severity changed {change} by "), new Mention(context.UserId)));
            await effects.PostToChannelAsync(c, tx, after, message, ct);
            await effects.BroadcastAsync(c, tx, after, message, null, ct);
            await effects.RefreshAsync(c, tx, after, ct);
            return true;
        }, ct);
        if (!done)
        {
            return CommandResult.Private($"{i.Label} changed meanwhile or is closed; nothing was changed.");
        }

        var now = Rich.Of(new Plain($"{i.Label} is now {IncidentMessages.SeverityLabel(command.Severity)}."));
        return CommandResult.Private(CadencePolicy.NextUpdateDue(after, options.Value.StatusCadence) is { } due
            ? now.Append(new Plain(" Next update due "), new Time(due), new Plain("."))
            : now);
    }

    /// <summary>Holds reminders: the update becomes due when the snooze ends (if that is later), so the summary shows it too.</summary>
    public async Task<CommandResult> SnoozeAsync(Incident i, Snooze command, CommandContext context, CancellationToken ct)
    {
        var reminders = options.Value.Reminders;
        var duration = command.Duration ?? reminders.Snooze;
        if (duration > reminders.MaxSnooze)
        {
            return CommandResult.Usage($"Reminders can be snoozed for at most {reminders.MaxSnooze.TotalMinutes:0} minutes at a time.", IncidentGrammar.UsageOf("snooze"));
        }

        if (CadencePolicy.CadenceFor(i, options.Value.StatusCadence) is null)
        {
            return CommandResult.Private($"{i.Label} has no status-update reminders ({IncidentMessages.SeverityLabel(i.Severity)}, {i.Status.ToString().ToLowerInvariant()}); nothing to snooze.");
        }

        var now = clock.GetUtcNow();
        var after = i with { SnoozedUntil = now + duration };
        var due = CadencePolicy.NextUpdateDue(after, options.Value.StatusCadence)!.Value;
        var done = await ChangeAsync(async (c, tx) =>
        {
            if (!await changes.SnoozeAsync(c, tx, i.Number, now + duration, now, ct))
            {
                return false;
            }

            await effects.RecordAsync(c, tx, after, TimelineKind.Reminder, $"Reminders snoozed for {duration.TotalMinutes:0.#} min", context.UserId, key: false,
                new { snoozedUntil = now + duration, nextDueAt = due }, ct);
            await effects.PostToChannelAsync(c, tx, after, IncidentMessages.Change(after,
                Rich.Of(new Plain("⏸ Status-update reminders snoozed by "), new Mention(context.UserId), new Plain(". Next update due "), new Time(due), new Plain("."))), ct);
            await effects.RefreshAsync(c, tx, after, ct);
            return true;
        }, ct);
        return done
            ? CommandResult.Private(Rich.Of(new Plain($"Reminders for {i.Label} snoozed. Next update due "), new Time(due), new Plain(".")))
            : CommandResult.Private($"{i.Label} is no longer open; nothing to snooze.");
    }

    public async Task<CommandResult> RoleAsync(Incident i, AssignRole command, CommandContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = command.Role == IncidentRole.Commander ? i with { CommanderId = command.UserId } : i;
        await ChangeAsync(async (c, tx) =>
        {
            await changes.AssignRoleAsync(c, tx, new RoleAssignment { IncidentNumber = i.Number, Role = command.Role, UserId = command.UserId, AssignedBy = context.UserId, AssignedAt = now }, ct);
            await effects.RecordAsync(c, tx, after, TimelineKind.Role, $"{command.Role.Label()}: {command.UserId}", context.UserId, key: true, new { role = command.Role.ToString(), userId = command.UserId }, ct);
            await effects.PostToChannelAsync(c, tx, after, IncidentMessages.Change(after, Rich.Of(new Mention(command.UserId), new Plain($" is now {command.Role.Label()} (assigned by "), new Mention(context.UserId), new Plain(")."))), ct);
            await effects.InviteAsync(c, tx, after, command.UserId, ct);
            await effects.RefreshAsync(c, tx, after, ct);
            return true;
        }, ct);
        return CommandResult.Private(Rich.Of(new Mention(command.UserId), new Plain($" is now {command.Role.Label()} of {i.Label}.")));
    }

    public async Task<CommandResult> NoteAsync(Incident i, AddNote command, CommandContext context, CancellationToken ct)
    {
        await ChangeAsync(async (c, tx) =>
        {
            await effects.RecordAsync(c, tx, i, TimelineKind.Note, command.Text, context.UserId, key: true, null, ct);
            await effects.PostToChannelAsync(c, tx, i, IncidentMessages.Change(i, Rich.Of(new Plain("📝 Key event noted by "), new Mention(context.UserId), new Plain(": "), new Plain(command.Text))), ct);
            return true;
        }, ct);
        return CommandResult.Private($"Noted on the {i.Label} timeline as a key event.");
    }

    public async Task<CommandResult> ActionAsync(Incident i, AddAction command, CommandContext context, CancellationToken ct)
    {
        var id = await database.InTransactionAsync(async (c, tx) =>
        {
            var item = new ActionItem { IncidentNumber = i.Number, Text = command.Text, OwnerId = command.OwnerId, DueDate = command.Due, CreatedBy = context.UserId, CreatedAt = clock.GetUtcNow() };
            var actionId = await changes.AddActionAsync(c, tx, item, ct);
            await effects.RecordAsync(c, tx, i, TimelineKind.Action, command.Text, context.UserId, key: false,
                new { actionId, ownerId = command.OwnerId, due = command.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ct);
            return actionId;
        }, ct);
        return CommandResult.Private($"Action #{id} recorded for {i.Label}{(command.Due is { } d ? $", due {d:yyyy-MM-dd}" : string.Empty)}.");
    }

    public async Task<CommandResult> CompleteActionAsync(Incident i, CompleteAction command, CommandContext context, CancellationToken ct)
    {
        var done = await ChangeAsync(async (c, tx) =>
        {
            if (!await changes.CompleteActionAsync(c, tx, i.Number, command.ActionId, ct))
            {
                return false;
            }

            await effects.RecordAsync(c, tx, i, TimelineKind.Action, $"Action #{command.ActionId} done", context.UserId, key: false, new { actionId = command.ActionId, status = "Done" }, ct);
            return true;
        }, ct);
        return CommandResult.Private(done ? $"Action #{command.ActionId} marked done." : $"{i.Label} has no open action #{command.ActionId}; see /incident action list.");
    }

    private async Task<bool> ChangeAsync(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<bool>> work, CancellationToken ct)
    {
        var done = await database.InTransactionAsync(work, ct);
        effects.Wake();
        return done;
    }
}
