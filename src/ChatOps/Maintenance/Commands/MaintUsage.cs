using ChatOps.Chat.Commands;

namespace ChatOps.Maintenance.Commands;

/// <summary>The grammar of /maint: one usage line per subcommand, used by help and by every usage answer.</summary>
public static class MaintUsage
{
    public const string Schedule = "/maint schedule <start> <duration> <title> [--scope <clusters/services>]";
    public const string Emergency = "/maint emergency <start> <duration> <title> --reason <text> [--scope <clusters/services>]";
    public const string Approve = "/maint approve <id>";
    public const string Checklist = "/maint checklist <id> <item> <value>";
    public const string Extend = "/maint extend <id> <duration>";
    public const string Cancel = "/maint cancel <id> <reason>";
    public const string Confirm = "/maint confirm <id>";
    public const string List = "/maint list";
    public const string Show = "/maint show <id>";
    public const string HelpCommand = "/maint help";

    public static string For(WindowKind kind) => kind == WindowKind.Emergency ? Emergency : Schedule;

    public static IReadOnlyList<HelpLine> Help { get; } =
    [
        new(Schedule, "Plan a window with the minimum notice (5 days by default). Start: 2026-12-01T22:00+01:00, 2026-12-01 22:00 Europe/Berlin, or 2026-12-01 22:00 in your own zone. Duration: 90m, 4h, 1h30m. No text opens a form."),
        new(Emergency, "A window inside the notice period: pending until an approver other than you approves it."),
        new(Approve, "Approve an emergency window (maintenance approvers only, never your own)."),
        new(Checklist, "Fill the pre-flight checklist: rollback <link>, backup <YYYY-MM-DD>, staging yes|no, rollout yes|no, dryrun yes|no. Only the id opens a form."),
        new(Extend, "Move the end; while the window runs this announces an overrun."),
        new(Cancel, "Cancel a window and announce it."),
        new(Confirm, "Go ahead with a started window although a SEV1/SEV2 incident is active."),
        new(List, "Pending, upcoming and running windows."),
        new(Show, "One window with its checklist."),
        new(HelpCommand, "This list. The calendar to subscribe to is /maintenance.ics."),
    ];
}
