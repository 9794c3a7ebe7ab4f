using ChatOps.Storage;
using Quartz;

namespace ChatOps.Hosting;

/// <summary>Bound from <c>Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>
    /// Longest the scheduler sleeps when nothing is due. New triggers wake it at once; this bounds
    /// how late it notices triggers another replica added.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Quartz with its persistent AdoJobStore on the product database: clustered on PostgreSQL so
/// each trigger fires on exactly one replica, plain on SQLite (the embedded store is
/// single-process). Quartz creates its own tables when they are missing.
/// </summary>
internal static class SchedulerSetup
{
    public static void AddChatOpsScheduler(this IServiceCollection services, StorageOptions storage, SchedulerOptions scheduler, TimeProvider clock)
    {
        var connectionString = storage.Provider == StorageProvider.Sqlite
            ? Database.NormalizeSqlite(storage.ConnectionString)
            : storage.ConnectionString;

        // Replicas sharing one PostgreSQL form one cluster through Quartz's default scheduler name.
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.GenerateInstanceId = true;
                o.IdleWaitTime = scheduler.IdleWaitTime;
            });
            q.UseTimeProvider(clock);
            q.UseDefaultThreadPool(4);
            q.UsePersistentStore(s =>
            {
                s.ProvisionSchema();
                s.UseSystemTextJsonSerializer();
                s.ConfigureStore(o =>
                {
                    // Job data as strings: readable in the database and safe across versions.
                    o.StoreJobDataAsStrings = true;
                    // A trigger that fell due while every replica was down fires at start per its
                    // misfire instruction; 30 s absorbs ordinary start-up jitter.
                    o.MisfireThreshold = TimeSpan.FromSeconds(30);
                });
                if (storage.Provider == StorageProvider.Postgres)
                {
                    s.UsePostgres(connectionString);
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else
                {
                    s.UseSqlite(connectionString);
                }
            });
        });
        services.AddQuartz(q =>
        {
            q.AddJob<InboundEventPruneJob>(j => j.WithIdentity(InboundEventPruneJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(InboundEventPruneJob.Key).WithIdentity("inbound-event-prune", "storage")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(6)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
