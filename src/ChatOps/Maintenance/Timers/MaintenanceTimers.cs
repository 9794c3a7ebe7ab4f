using System.Globalization;
using ChatOps.Maintenance.Announcements;
using Quartz;

namespace ChatOps.Maintenance.Timers;

/// <summary>
/// The Quartz side of a window: one one-shot trigger per timed announcement (T-24h, T-1h, start,
/// end) in the persistent store, replaced when re-planned and deleted when the window is cancelled.
/// <para>
/// Misfires fire now (<see cref="SimpleTriggerMisfireInstruction.FireNow"/>): a post that fell due
/// while every replica was down is sent once, right after start-up. The job then decides whether it
/// still says something true (<see cref="AnnouncementKinds.IsSuperseded"/>), and its dedupe key
/// keeps it single even if two replicas fire it.
/// </para>
/// </summary>
public sealed class MaintenanceTimers(ISchedulerFactory schedulers)
{
    public const string Group = "maintenance";

    public static JobKey JobKeyFor(long id, AnnouncementKind kind) => new($"maint-{id}-{kind.Key()}", Group);

    public static TriggerKey TriggerKeyFor(long id, AnnouncementKind kind) => new($"maint-{id}-{kind.Key()}", Group);

    /// <summary>
    /// Makes the triggers for <paramref name="kinds"/> match the window. Reminders that fell due
    /// before the window became public are left out: its first announcement already said it all.
    /// </summary>
    public async Task PlanAsync(MaintenanceWindow window, IReadOnlyCollection<AnnouncementKind> kinds, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        foreach (var kind in kinds.Where(k => k.IsTimed()))
        {
            var jobKey = JobKeyFor(window.Id, kind);
            var due = kind.DueAt(window);
            var wanted = window.ActivatedAt is { } activated
                && (kind is AnnouncementKind.Started or AnnouncementKind.Ended || due > activated);
            if (!wanted)
            {
                await scheduler.DeleteJob(jobKey, ct);
                continue;
            }

            var job = JobBuilder.Create<MaintenanceAnnouncementJob>()
                .WithIdentity(jobKey)
                .UsingJobData(MaintenanceAnnouncementJob.WindowKey, window.Id.ToString(CultureInfo.InvariantCulture))
                .UsingJobData(MaintenanceAnnouncementJob.KindKey, kind.ToString())
                .UsingJobData(MaintenanceAnnouncementJob.DueKey, due.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(TriggerKeyFor(window.Id, kind))
                .StartAt(due)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct);
        }
    }

    public async Task UnplanAsync(long windowId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        foreach (var kind in AnnouncementKinds.Timed)
        {
            await scheduler.DeleteJob(JobKeyFor(windowId, kind), ct);
        }
    }
}
