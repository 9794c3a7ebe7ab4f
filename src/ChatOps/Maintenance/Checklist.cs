using System.Globalization;

namespace ChatOps.Maintenance;

/// <summary>
/// The pre-flight checklist kept with a window. Each item comes from a postmortem: upgrades done
/// without a tested rollback, without a working backup, tested only on a single-node staging
/// cluster, rolled out everywhere at once, or never rehearsed.
/// </summary>
public enum ChecklistItem
{
    Rollback,
    Backup,
    Staging,
    Rollout,
    DryRun,
}

public sealed record Checklist(string? RollbackPlan, DateOnly? LastBackup, string? StagingTested, string? SequentialRollout, string? DryRun)
{
    public static IReadOnlyList<ChecklistItem> Items { get; } = Enum.GetValues<ChecklistItem>();

    public bool IsFilled(ChecklistItem item) => item switch
    {
        ChecklistItem.Rollback => RollbackPlan is not null,
        ChecklistItem.Backup => LastBackup is not null,
        ChecklistItem.Staging => StagingTested is not null,
        ChecklistItem.Rollout => SequentialRollout is not null,
        _ => DryRun is not null,
    };

    public IReadOnlyList<ChecklistItem> Missing => Items.Where(i => !IsFilled(i)).ToList();

    /// <summary>The recorded value as text ("2026-11-20", "yes: 3-node staging cluster"), or null.</summary>
    public string? ValueOf(ChecklistItem item) => item switch
    {
        ChecklistItem.Rollback => RollbackPlan,
        ChecklistItem.Backup => LastBackup?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ChecklistItem.Staging => StagingTested,
        ChecklistItem.Rollout => SequentialRollout,
        _ => DryRun,
    };
}

public static class ChecklistItems
{
    public static string Key(this ChecklistItem item) => item switch
    {
        ChecklistItem.Rollback => "rollback",
        ChecklistItem.Backup => "backup",
        ChecklistItem.Staging => "staging",
        ChecklistItem.Rollout => "rollout",
        _ => "dryrun",
    };

    public static string Label(this ChecklistItem item) => item switch
    {
        ChecklistItem.Rollback => "rollback plan link",
        ChecklistItem.Backup => "last verified backup (date)",
        ChecklistItem.Staging => "tested in staging with a production-like multi-node topology",
        ChecklistItem.Rollout => "sequential rollout with health gates",
        _ => "dry run done",
    };

    /// <summary>What the value looks like, for usage answers.</summary>
    public static string Hint(this ChecklistItem item) => item switch
    {
        ChecklistItem.Rollback => "rollback <https link>",
        ChecklistItem.Backup => "backup <YYYY-MM-DD>",
        _ => $"{item.Key()} yes [note] | no",
    };

    public static ChecklistItem? Parse(string word) => word.ToLowerInvariant() switch
    {
        "rollback" or "rollback-plan" or "rollbackplan" => ChecklistItem.Rollback,
        "backup" or "last-backup" or "lastbackup" => ChecklistItem.Backup,
        "staging" or "staging-tested" => ChecklistItem.Staging,
        "rollout" or "sequential-rollout" or "sequential" => ChecklistItem.Rollout,
        "dryrun" or "dry-run" or "dry_run" => ChecklistItem.DryRun,
        _ => null,
    };
}
