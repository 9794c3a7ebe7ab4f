using System.Collections.Concurrent;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Quartz;

namespace ChatOps.IntegrationTests.Hosting;

public sealed class SchedulerTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task A_job_scheduled_before_a_restart_fires_once_after_it(StorageProvider provider)
    {
        var storage = await TestStores.CreateAsync(provider, "sched");
        var run = Guid.NewGuid().ToString("N");
        DateTimeOffset fireAt;

        await using (var before = await TestApp.StartAsync(storage))
        {
            fireAt = DateTimeOffset.UtcNow.AddSeconds(8);
            var scheduler = await before.Get<ISchedulerFactory>().GetScheduler();
            var job = JobBuilder.Create<RecordingJob>().WithIdentity(run, "tests").UsingJobData("run", run).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(run, "tests").StartAt(fireAt).Build();
            await scheduler.ScheduleJob(job, trigger);
        }

        Assert.False(RecordingJob.Runs.ContainsKey(run), "the job fired before the restart; the test proves nothing");

        await using var after = await TestApp.StartAsync(storage);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!RecordingJob.Runs.ContainsKey(run) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1500);
        Assert.Equal(1, RecordingJob.Runs.GetValueOrDefault(run));
        Assert.True(DateTimeOffset.UtcNow >= fireAt);
    }

    public sealed class RecordingJob : IJob
    {
        public static ConcurrentDictionary<string, int> Runs { get; } = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Runs.AddOrUpdate(context.MergedJobDataMap.GetString("run")!, 1, (_, n) => n + 1);
            return ValueTask.CompletedTask;
        }
    }
}
