using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;
using static ChatOps.IntegrationTests.Maintenance.NoticeTests;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>The rest of /maint through the dispatcher: help, forms, usage answers, checklist, list and show.</summary>
public sealed class CommandTests
{
    [Fact]
    public async Task Help_forms_and_usage_answers()
    {
        await using var maint = await StartAsync(StorageProvider.Sqlite);

        var help = await maint.ReplyAsync("/maint help");
        foreach (var sub in new[] { "schedule", "emergency", "approve", "checklist", "extend", "cancel", "confirm", "list", "show", "help" })
        {
            Assert.Contains($"/maint {sub}", help.Message.Fallback, StringComparison.Ordinal);
        }

        var form = Assert.IsType<ShowForm>(await maint.RunAsync("/maint schedule"));
        Assert.StartsWith("/maint schedule {start} {duration} {title}", form.Form.CommandTemplate, StringComparison.Ordinal);
        Assert.Equal("maint-emergency", Assert.IsType<ShowForm>(await maint.RunAsync("/maint emergency")).Form.Id);

        (string Line, string Expected)[] cases =
        [
            ("/maint frobnicate", "I don't know /maint frobnicate."),
            ("/maint approve", "Which window?"),
            ("/maint show seven", "'seven' is not a window id"),
            ("/maint show 42", "There is no maintenance window MW-42."),
            ("/maint extend 1", "A duration is missing"),
            ("/maint extend 1 soon", "couldn't read the duration 'soon'"),
            ("/maint cancel 42 nobody needs it", "There is no maintenance window MW-42."),
            ("/maint checklist 42 backup 2026-01-01", "There is no maintenance window MW-42."),
        ];
        foreach (var (line, expected) in cases)
        {
            var reply = await maint.ReplyAsync(line);
            Assert.True(reply.IsError, line);
            Assert.Contains(expected, reply.Message.Fallback, StringComparison.Ordinal);
            Assert.Contains("Usage: /maint", reply.Message.Fallback, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_checklist_is_filled_by_command_or_form_and_missing_items_follow_the_window()
    {
        await using var maint = await StartAsync(StorageProvider.Sqlite);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu");

        var bad = await maint.ReplyAsync("/maint checklist 1 rollback see wiki");
        var rollback = await maint.ReplyAsync("/maint checklist MW-1 rollback https://wiki.example.com/rollback");
        var staging = await maint.ReplyAsync("/maint checklist 1 staging yes 3 control-plane nodes like prod");
        var outsider = await maint.ReplyAsync("/maint checklist 1 dryrun yes", user: "U-DEV");

        Assert.Contains("must be a link", bad.Message.Fallback, StringComparison.Ordinal);
        Assert.Contains("still missing: last verified backup (date); tested in staging with a production-like multi-node topology; sequential rollout with health gates; dry run done", rollback.Message.Fallback, StringComparison.Ordinal);
        Assert.False(staging.IsError);
        Assert.Contains("Only the planner of MW-1 or a maintenance approver", outsider.Message.Fallback, StringComparison.Ordinal);

        var form = Assert.IsType<ShowForm>(await maint.RunAsync("/maint checklist 1")).Form;
        Assert.Equal("https://wiki.example.com/rollback", form.Fields.OfType<TextInput>().Single(f => f.Id == "rollback").Initial);
        var submitted = form.Fill(new Dictionary<string, string>
        {
            ["rollback"] = "https://wiki.example.com/rollback", ["backup"] = maint.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["staging"] = "yes", ["rollout"] = "yes", ["dryrun"] = "yes",
        });
        var saved = await maint.ReplyAsync(submitted);
        Assert.Contains("Checklist of MW-1 is complete.", saved.Message.Fallback, StringComparison.Ordinal);

        var show = await maint.ReplyAsync("/maint show 1");
        Assert.Contains(new Plain("yes: 3 control-plane nodes like prod"), Inlines(show.Message));

        await maint.WaitPlannedAsync(1);
        maint.Clock.JumpTo(start.AddHours(-24).AddSeconds(1));
        var reminder = await maint.WaitForPostAsync("Maintenance starts in 24 hours");
        var text = string.Join(" ", Inlines(reminder.Message!).Select(i => i.ToPlainText()));
        Assert.Contains("Pre-flight checklist complete", text, StringComparison.Ordinal);
        Assert.Contains("Pre-flight checklist missing", string.Join(" ", Inlines(maint.Posts("Maintenance scheduled")[0].Message!).Select(i => i.ToPlainText())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_pending_upcoming_and_running_windows_but_not_cancelled_ones()
    {
        await using var maint = await StartAsync(StorageProvider.Sqlite);
        await maint.ReplyAsync($"/maint schedule {Iso(maint.Minute(TimeSpan.FromDays(6)))} 2h Upgrade prod-eu");
        await maint.ReplyAsync($"/maint schedule {Iso(maint.Minute(TimeSpan.FromDays(9)))} 2h Etcd defrag");
        await maint.ReplyAsync($"/maint emergency {Iso(maint.Minute(TimeSpan.FromHours(3)))} 1h Rotate certs --reason expiring", user: "U-LEAD");
        await maint.ReplyAsync("/maint cancel 2 Not needed");

        var list = await maint.ReplyAsync("/maint list");

        Assert.Contains("MW-3 Rotate certs (awaiting approval)", list.Message.Fallback, StringComparison.Ordinal);
        Assert.Contains("MW-1 Upgrade prod-eu (scheduled)", list.Message.Fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("MW-2", list.Message.Fallback, StringComparison.Ordinal);
        Assert.True(list.Message.Fallback.IndexOf("MW-3", StringComparison.Ordinal) < list.Message.Fallback.IndexOf("MW-1", StringComparison.Ordinal));
    }
}
