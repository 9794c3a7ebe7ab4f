using ChatOps.Chat.Commands;

namespace ChatOps.Maintenance.Commands;

/// <summary>/maint: maintenance windows with notice, approvals, a checklist and announcements.</summary>
public sealed class MaintCommandModule(ScheduleCommand schedule, WindowCommands windows, MaintenanceStore store, TimeProvider clock) : ICommandModule
{
    private const int ListLimit = 20;

    public string Name => "maint";

    public IReadOnlyList<HelpLine> Help => MaintUsage.Help;

    public async Task<CommandResult> ExecuteAsync(string text, CommandContext context, CancellationToken ct)
    {
        var words = new CommandText(text);
        var sub = words.NextWord().ToLowerInvariant();
        var rest = words.Rest;
        return sub switch
        {
            "schedule" or "plan" or "new" => await schedule.ExecuteAsync(WindowKind.Planned, rest, context, ct),
            "emergency" => await schedule.ExecuteAsync(WindowKind.Emergency, rest, context, ct),
            "approve" => await windows.ApproveAsync(words, context, ct),
            "cancel" => await windows.CancelAsync(words, context, ct),
            "extend" => await windows.ExtendAsync(words, context, ct),
            "confirm" => await windows.ConfirmAsync(words, context, ct),
            "checklist" => await windows.ChecklistAsync(words, context, ct),
            "list" or "ls" => CommandResult.Private(MaintenanceReplies.List(await store.ListCurrentAsync(clock.GetUtcNow(), ListLimit, ct), clock.GetUtcNow())),
            "show" => await ShowAsync(words, ct),
            "" or "help" => CommandResult.Private(MaintenanceReplies.Help(Help)),
            _ => CommandResult.Usage($"I don't know /maint {sub}.", "/maint help (schedule, emergency, approve, checklist, extend, cancel, confirm, list, show)"),
        };
    }

    private async Task<CommandResult> ShowAsync(CommandText words, CancellationToken ct)
    {
        if (WindowCommands.TakeId(words, MaintUsage.Show, out var id) is { } usage)
        {
            return usage;
        }

        return await store.GetAsync(id, ct) is { } window
            ? CommandResult.Private(MaintenanceReplies.Details(window, clock.GetUtcNow()))
            : CommandResult.Usage($"There is no maintenance window {MaintenanceLabel.Of(id)}.", MaintUsage.List);
    }
}
