using ChatOps.Maintenance;
using ChatOps.Maintenance.Commands;

namespace ChatOps.Tests.Maintenance;

public sealed class ChecklistTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    [Theory]
    [InlineData(ChecklistItem.Rollback, "https://wiki.example.com/rollback?v=2", "https://wiki.example.com/rollback?v=2")]
    [InlineData(ChecklistItem.Backup, "2026-03-01", "2026-03-01")]
    [InlineData(ChecklistItem.Staging, "yes", "yes")]
    [InlineData(ChecklistItem.Staging, "yes: 3 control-plane nodes, 6 workers", "yes: 3 control-plane nodes, 6 workers")]
    [InlineData(ChecklistItem.Rollout, "done one node pool at a time", "yes: one node pool at a time")]
    [InlineData(ChecklistItem.DryRun, "no", null)]
    [InlineData(ChecklistItem.Rollback, "clear", null)]
    public void Values_are_read_per_item(ChecklistItem item, string value, string? stored)
    {
        var change = ChecklistInput.Parse(item, value, Today, out var problem);

        Assert.Null(problem);
        Assert.Equal(new ChecklistChange(item, stored), change);
    }

    [Theory]
    [InlineData(ChecklistItem.Rollback, "see the wiki", "must be a link")]
    [InlineData(ChecklistItem.Rollback, "ftp://example.com/x", "must be a link")]
    [InlineData(ChecklistItem.Backup, "last week", "YYYY-MM-DD")]
    [InlineData(ChecklistItem.Backup, "2026-03-10", "cannot be in the future")]
    [InlineData(ChecklistItem.Staging, "maybe", "yes (and an optional note) or no")]
    [InlineData(ChecklistItem.DryRun, "", "Give a value for dryrun")]
    public void Bad_values_say_what_is_expected(ChecklistItem item, string value, string expected)
    {
        Assert.Null(ChecklistInput.Parse(item, value, Today, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_form_shape_skips_empty_values()
    {
        var pairs = ChecklistInput.SplitOptions("--rollback https://x.example/r --backup --staging yes --rollout no --dryrun");

        Assert.Equal(new[] { (ChecklistItem.Rollback, "https://x.example/r"), (ChecklistItem.Staging, "yes"), (ChecklistItem.Rollout, "no") }, pairs);
    }

    [Fact]
    public void The_checklist_form_fills_into_the_option_shape()
    {
        var window = Windows.At(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)) with { Id = 7, DryRun = "yes" };
        var form = MaintenanceForms.Checklist(window);

        var line = form.Fill(new Dictionary<string, string> { ["rollback"] = "https://x.example/r", ["staging"] = "yes", ["rollout"] = "no", ["dryrun"] = "yes" });

        Assert.StartsWith("/maint checklist 7 --rollback https://x.example/r --backup --staging yes", line, StringComparison.Ordinal);
        Assert.Equal(4, ChecklistInput.SplitOptions(line["/maint checklist 7 ".Length..]).Count);
    }

    [Fact]
    public void Missing_items_are_listed_until_filled()
    {
        var list = new Checklist("https://x.example/r", new DateOnly(2026, 3, 1), null, "yes", null);

        Assert.Equal(new[] { ChecklistItem.Staging, ChecklistItem.DryRun }, list.Missing);
        Assert.Empty((list with { StagingTested = "yes", DryRun = "yes" }).Missing);
    }
}
