using System.Globalization;
using ChatOps.Chat.Delivery;
using ChatOps.Maintenance.Announcements;
using ChatOps.Storage;
using Polly;
using Polly.Retry;
using Quartz;

namespace ChatOps.Maintenance.Timers;

/// <summary>
/// Fires for one timed announcement. It re-reads the window and posts only if the window is
/// still scheduled, the trigger still matches its time (an extension re-plans the end), and no
/// later announcement is already due. The post goes through the outbox with a dedupe key built
/// from the window, the kind and the due instant, so it is sent once whatever fires twice.
/// </summary>
public sealed partial class MaintenanceAnnouncementJob(
    Database database,
    MaintenanceStore store,
    MaintenanceAnnouncer announcer,
    ChatDelivery delivery,
    TimeProvider clock,
    ILogger<MaintenanceAnnouncementJob> logger) : IJob
{
    public const string WindowKey = "window";
    public const string KindKey = "kind";
    public const string DueKey = "due";

    // Replicas' clocks differ a little; a trigger fired further ahead than this was not planned by us.
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMinutes(1);

    // A short in-call retry for a database blip (SQLite busy, a PostgreSQL failover); the job
    // must not hold a Quartz thread for long, and a longer outage stops the scheduler too.
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromSeconds(1),
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
        })
        .Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (!long.TryParse(data.GetString(WindowKey), CultureInfo.InvariantCulture, out var id)
            || !Enum.TryParse<AnnouncementKind>(data.GetString(KindKey), out var kind)
            || !DateTimeOffset.TryParse(data.GetString(DueKey), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var due))
        {
            LogBadData(logger, context.JobDetail.Key.Name);
            return;
        }

        try
        {
            await Retry.ExecuteAsync(async ct => await AnnounceAsync(id, kind, due, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, id, kind);
        }
    }

    private async Task AnnounceAsync(long id, AnnouncementKind kind, DateTimeOffset due, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = await store.GetAsync(id, ct);
        if (window is null || window.Status != WindowStatus.Scheduled)
        {
            LogSkipped(logger, id, kind, window is null ? "window not found" : $"window is {window.Status}");
            return;
        }

        if (kind.DueAt(window) != due)
        {
            LogSkipped(logger, id, kind, "the window's times changed since this trigger was planned");
            return;
        }

        if (now < due - EarlyTolerance)
        {
            LogSkipped(logger, id, kind, $"fired before it was due ({due:O}); a stray trigger");
            return;
        }

        if (kind.IsSuperseded(window, now))
        {
            LogSkipped(logger, id, kind, "a later announcement is already due");
            return;
        }

        var incidents = kind == AnnouncementKind.Started ? await store.ActiveMajorIncidentsAsync(ct) : [];
        var posted = await database.InTransactionAsync(
            (c, tx) => announcer.AnnounceAsync(c, tx, window, kind, MaintenanceAnnouncer.TimedKey(window, kind), incidents, ct), ct);
        if (posted)
        {
            delivery.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance job {Job} has unreadable data; nothing posted")]
    private static partial void LogBadData(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance window {Id}: {Kind} not posted ({Reason})")]
    private static partial void LogSkipped(ILogger logger, long id, AnnouncementKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance window {Id}: {Kind} announcement failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, long id, AnnouncementKind kind);
}
