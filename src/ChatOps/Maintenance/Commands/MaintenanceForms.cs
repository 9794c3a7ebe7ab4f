using ChatOps.Chat.Messages;

namespace ChatOps.Maintenance.Commands;

/// <summary>Forms for /maint typed without its text. Submitting one runs the same command a person would type.</summary>
public static class MaintenanceForms
{
    private const string StartHint = "2026-12-01 22:00 Europe/Berlin, or 2026-12-01T22:00+01:00";

    public static ChatForm Schedule(WindowKind kind)
    {
        var emergency = kind == WindowKind.Emergency;
        var fields = new List<FormField>
        {
            new TextInput("start", "Start", Placeholder: StartHint),
            new TextInput("duration", "Duration", Placeholder: "90m, 4h or 1h30m"),
            new TextInput("title", "Title", Placeholder: "Upgrade prod-eu to Kubernetes 1.31"),
            new TextInput("scope", "Scope (clusters or services, comma-separated)", Optional: true, Placeholder: "prod-eu, payments"),
        };
        if (emergency)
        {
            fields.Add(new TextInput("reason", "Why it cannot wait for the notice period", Multiline: true));
        }

        return new ChatForm(
            emergency ? "maint-emergency" : "maint-schedule",
            emergency ? "Emergency maintenance" : "Schedule maintenance",
            emergency ? "Request approval" : "Schedule",
            emergency
                ? "/maint emergency {start} {duration} {title} --scope {scope} --reason {reason}"
                : "/maint schedule {start} {duration} {title} --scope {scope}",
            fields);
    }

    /// <summary>The whole checklist at once, pre-filled; an emptied text field leaves its item unchanged.</summary>
    public static ChatForm Checklist(MaintenanceWindow window)
    {
        var list = window.Checklist;
        return new ChatForm(
            "maint-checklist",
            $"Pre-flight checklist {window.Label}",
            "Save",
            $"/maint checklist {window.Id} --rollback {{rollback}} --backup {{backup}} --staging {{staging}} --rollout {{rollout}} --dryrun {{dryrun}}",
            [
                new TextInput("rollback", ChecklistItem.Rollback.Label(), Optional: true, Placeholder: "https://wiki.example.com/rollback", Initial: list.RollbackPlan),
                new TextInput("backup", ChecklistItem.Backup.Label(), Optional: true, Placeholder: "YYYY-MM-DD", Initial: list.ValueOf(ChecklistItem.Backup)),
                YesNo(ChecklistItem.Staging, list),
                YesNo(ChecklistItem.Rollout, list),
                YesNo(ChecklistItem.DryRun, list),
            ]);
    }

    private static Choice YesNo(ChecklistItem item, Checklist list) =>
        new(item.Key(), item.Label(), [new ChoiceOption("yes", "Done"), new ChoiceOption("no", "Not yet")], list.IsFilled(item) ? "yes" : "no");
}
