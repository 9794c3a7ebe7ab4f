using ChatOps.Chat.Delivery;
using ChatOps.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOps.Reminders;

/// <summary>
/// One pass over the open incidents: evaluate the rules on what is stored now and send what is
/// due. Only incidents with something due and not yet sent get a transaction; the rest cost a
/// row of two queries and a rule evaluation.
/// </summary>
public sealed partial class ReminderSweep(
    IncidentStore incidents, ReminderStore store, ReminderSender sender, ChatDelivery delivery, IOptions<IncidentsOptions> options,
    TimeProvider clock, ILogger<ReminderSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await incidents.ListOpenAsync(ct);
        var sentSoFar = await store.SentForOpenIncidentsAsync(ct);
        var sent = 0;
        foreach (var incident in open)
        {
            var plan = ReminderRules.Evaluate(incident, sentSoFar.LastEscalations.TryGetValue(incident.Number, out var last) ? last : null, options.Value, now);
            if (plan.Due.All(d => sentSoFar.Keys.Contains(d.Key)))
            {
                continue;
            }

            try
            {
                var made = await sender.SendDueAsync(incident.Number, ct);
                if (made > 0)
                {
                    // Deliver now rather than after the whole sweep: later incidents must not delay this one.
                    delivery.Wake();
                    sent += made;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One incident's failure must not hold up the others; the next sweep tries again.
                LogFailed(logger, ex, incident.Number);
            }
        }

        if (sent > 0)
        {
            LogSent(logger, sent);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sweep sent {Count} reminders, escalations or checkpoints")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminders for incident {Number} could not be sent; the next sweep retries")]
    private static partial void LogFailed(ILogger logger, Exception ex, long number);
}
