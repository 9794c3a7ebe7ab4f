using Quartz;

namespace ChatOps.Reminders;

/// <summary>
/// The Quartz side of reminders: one repeating trigger that runs <see cref="ReminderSweep"/>.
/// <para>
/// Why a sweep and not one trigger per incident: what is due depends on the status updates,
/// severity changes, mitigation, snoozes and resolution of the incident, and on configuration.
/// Per-incident triggers would have to be re-planned from every one of those changes (and after
/// a configuration change), and a missed re-plan is a wrong or missing reminder. The sweep
/// instead evaluates the rules on what is stored at each firing, so nothing can drift; open
/// incidents are few (1,000 cost one query and about a millisecond of rule evaluation, see
/// docs/benchmarks.md), and lateness is bounded by the sweep interval.
/// </para>
/// <para>
/// Exactly once: on PostgreSQL the clustered store fires each trigger on one replica and
/// <see cref="DisallowConcurrentExecutionAttribute"/> keeps sweeps from overlapping across the
/// cluster; the claim row in reminder_sends (and the outbox dedupe key) makes a send single even
/// if two sweeps did overlap.
/// </para>
/// <para>
/// Misfires: the trigger's instruction is FireNow (reschedule now, keep repeating), and it is
/// re-registered at start-up. A reminder that fell due while every replica was down is therefore
/// sent by the first sweep after start, once: the rules see the update still missing, and its
/// claim key is the same as the one it would have had on time. Escalations missed meanwhile
/// collapse into one notice (the latest attempt), not a burst.
/// </para>
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ReminderSweepJob(ReminderSweep sweep, ILogger<ReminderSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("reminder-sweep", "reminders");
    public static readonly TriggerKey TriggerKey = new("reminder-sweep", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await sweep.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database blip: the next firing, seconds away, re-reads everything.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder sweep failed; the next one retries")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
