using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Maintenance;
using ChatOps.Maintenance.Announcements;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>A timed announcement that falls due while PostgreSQL is down is posted, once, when it is back.</summary>
public sealed class SchedulerOutageTests
{
    [Fact]
    public async Task A_maintenance_start_due_during_a_database_outage_is_announced_once_after_it()
    {
        await using var maint = await MaintenanceHarness.StartAsync(StorageProvider.Postgres);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {MaintenanceHarness.Iso(start)} 2h Rotate certificates");
        await maint.WaitPlannedAsync(1, AnnouncementKind.Started);
        await maint.WaitForPostAsync("Maintenance scheduled");

        await TestPostgres.CutOffAsync(maint.Storage.ConnectionString);
        maint.Clock.JumpTo(start.AddSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Empty(maint.Posts("Maintenance in progress"));

        await TestPostgres.RestoreAsync(maint.Storage.ConnectionString);
        await maint.WaitForAsync("Post", c => c.Target == MaintenanceHarness.Announcements && c.Detail?.Contains("Maintenance in progress", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));
        await MaintenanceHarness.SettleAsync();
        Assert.Single(maint.Posts("Maintenance in progress"));
    }
}
