using ChatOps.Chat.Commands;
using ChatOps.Maintenance.Parsing;
using ChatOps.Maintenance.Policy;
using Microsoft.Extensions.Options;

namespace ChatOps.Maintenance.Commands;

/// <summary>The /maint subcommands that change one window: approve, cancel, extend, confirm, checklist.</summary>
public sealed class WindowCommands(MaintenanceService service, MaintenanceStore store, IOptions<MaintenanceOptions> options, TimeProvider clock)
{
    public async Task<CommandResult> ApproveAsync(CommandText words, CommandContext context, CancellationToken ct)
    {
        if (TakeId(words, MaintUsage.Approve, out var id) is { } usage)
        {
            return usage;
        }

        var outcome = await service.ApproveAsync(id, context.UserId, ct);
        return Answer(outcome, MaintUsage.Approve, w => $"Approved {w.Label}; it is announced now, with the approval and the reason.");
    }

    public async Task<CommandResult> CancelAsync(CommandText words, CommandContext context, CancellationToken ct)
    {
        if (TakeId(words, MaintUsage.Cancel, out var id) is { } usage)
        {
            return usage;
        }

        var reason = words.TakeRest();
        if (reason.Length == 0)
        {
            return CommandResult.Usage("Say why the window is cancelled: the reason goes into the announcement.", MaintUsage.Cancel);
        }

        if (reason.Length > ScheduleInput.MaxText)
        {
            return CommandResult.Usage($"Keep the reason under {ScheduleInput.MaxText} characters.", MaintUsage.Cancel);
        }

        var outcome = await service.CancelAsync(id, context.UserId, reason, ct);
        return Answer(outcome, MaintUsage.Cancel, w => $"Cancelled {w.Label}.");
    }

    public async Task<CommandResult> ExtendAsync(CommandText words, CommandContext context, CancellationToken ct)
    {
        if (TakeId(words, MaintUsage.Extend, out var id) is { } usage)
        {
            return usage;
        }

        if (!Durations.TryParse(words.NextWord(), out var by, out var problem))
        {
            return CommandResult.Usage(problem!, MaintUsage.Extend);
        }

        if (!words.IsEmpty)
        {
            return CommandResult.Usage($"I didn't expect '{words.Rest}' after the duration.", MaintUsage.Extend);
        }

        var outcome = await service.ExtendAsync(id, context.UserId, by, ct);
        return Answer(outcome, MaintUsage.Extend, w => $"{w.Label} now ends at {SchedulePolicy.Utc(w.EndsAt)}.");
    }

    public async Task<CommandResult> ConfirmAsync(CommandText words, CommandContext context, CancellationToken ct)
    {
        if (TakeId(words, MaintUsage.Confirm, out var id) is { } usage)
        {
            return usage;
        }

        var outcome = await service.ConfirmAsync(id, context.UserId, ct);
        return Answer(outcome, MaintUsage.Confirm, w => $"Recorded: {w.Label} goes ahead despite the active incident.");
    }

    public async Task<CommandResult> ChecklistAsync(CommandText words, CommandContext context, CancellationToken ct)
    {
        if (TakeId(words, MaintUsage.Checklist, out var id) is { } usage)
        {
            return usage;
        }

        var window = await store.GetAsync(id, ct);
        if (window is null)
        {
            return CommandResult.Usage($"There is no maintenance window {MaintenanceLabel.Of(id)}.", MaintUsage.List);
        }

        var allowed = ChangePolicy.Change(window, context.UserId, options.Value.Approvers.ToList(), clock.GetUtcNow());
        if (!allowed.Allowed)
        {
            return MaintenanceReplies.Refused(allowed, MaintUsage.Checklist);
        }

        if (words.IsEmpty)
        {
            return new ShowForm(MaintenanceForms.Checklist(window));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var changes = new List<ChecklistChange>();
        var fromOptions = ChecklistInput.HasOptions(words.Rest);
        var pairs = fromOptions ? ChecklistInput.SplitOptions(words.Rest) : [];
        if (!fromOptions)
        {
            var itemWord = words.NextWord();
            if (ChecklistItems.Parse(itemWord) is not { } item)
            {
                return CommandResult.Usage($"I don't know the checklist item '{itemWord}'. Items: rollback, backup, staging, rollout, dryrun.", MaintUsage.Checklist);
            }

            pairs = [(item, words.TakeRest())];
        }

        foreach (var (item, value) in pairs)
        {
            var change = ChecklistInput.Parse(item, value, today, out var problem);
            if (change is null)
            {
                return CommandResult.Usage(problem!, $"/maint checklist {id} {item.Hint()}");
            }

            // The form resubmits every item: "yes" on an item already done keeps its note.
            if (!(fromOptions && change.Text == "yes" && window.Checklist.IsFilled(item)))
            {
                changes.Add(change);
            }
        }

        if (changes.Count == 0)
        {
            return CommandResult.Private(MaintenanceReplies.Details(window, clock.GetUtcNow()));
        }

        var outcome = await service.UpdateChecklistAsync(id, context.UserId, changes, ct);
        return Answer(outcome, MaintUsage.Checklist, w => w.Checklist.Missing.Count == 0
            ? $"Checklist of {w.Label} is complete."
            : $"Checklist of {w.Label} updated; still missing: {string.Join("; ", w.Checklist.Missing.Select(i => i.Label()))}.");
    }

    /// <summary>Takes the window id; a usage answer when it is missing or malformed.</summary>
    internal static CommandResult? TakeId(CommandText words, string usage, out long id)
    {
        var word = words.NextWord();
        id = MaintenanceLabel.Parse(word) ?? 0;
        return id > 0 ? null
            : CommandResult.Usage(word.Length == 0 ? "Which window? Give its id (see /maint list)." : $"'{word}' is not a window id (like 7 or MW-7).", usage);
    }

    private static CommandResult Answer(WindowOutcome outcome, string usage, Func<MaintenanceWindow, string> done) =>
        outcome.Decision.Allowed && outcome.Window is { } window
            ? MaintenanceReplies.Done(done(window), window, outcome.Decision.Problem)
            : MaintenanceReplies.Refused(outcome.Decision, outcome.Found ? usage : MaintUsage.List);
}
