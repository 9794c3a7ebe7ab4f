using System.Globalization;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Timers;
using ChatOps.Storage;
using Quartz;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>Two replicas on one PostgreSQL database: a timed announcement is posted once even if it fires on both.</summary>
public sealed class ReplicaTests
{
    [Fact]
    public async Task Two_replicas_firing_the_same_announcement_post_it_once()
    {
        await using var maint = await StartAsync(StorageProvider.Postgres);
        await using var replica = await maint.StartReplicaAsync();
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu");
        await maint.WaitPlannedAsync(1, AnnouncementKind.Started);

        // A second trigger for the same job and instant, as if a second planner or replica had fired it too.
        var scheduler = await replica.Get<ISchedulerFactory>().GetScheduler();
        var jobKey = MaintenanceTimers.JobKeyFor(1, AnnouncementKind.Started);
        foreach (var name in new[] { "duplicate-a", "duplicate-b" })
        {
            await scheduler.ScheduleTrigger(
                TriggerBuilder.Create().WithIdentity(name, "tests").ForJob(jobKey).StartAt(start)
                    .UsingJobData(MaintenanceAnnouncementJob.DueKey, start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Build(),
                TriggerConflict.Throw);
        }

        maint.Clock.JumpTo(start.AddSeconds(1));
        await maint.WaitForPostAsync("Maintenance in progress");
        await SettleAsync();

        Assert.Single(maint.Posts("Maintenance in progress"));
        Assert.Single(maint.Posts("Maintenance scheduled"));
    }
}
