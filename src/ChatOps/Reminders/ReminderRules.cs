using ChatOps.Incidents;

namespace ChatOps.Reminders;

public enum ReminderKind
{
    Reminder,
    Escalation,
    Checkpoint,
}

/// <summary>
/// One thing to send now. <see cref="Key"/> names it for good (incident, kind, the due instant
/// it is about, the escalation attempt or checkpoint), so sending it twice is recognisable.
/// </summary>
public sealed record DueSend(ReminderKind Kind, DateTimeOffset DueAt, string Key, int Attempt = 0, CheckpointOptions? Checkpoint = null);

/// <summary>What the rules say about an incident at one instant.</summary>
/// <param name="UpdateDue">When the next status update is due (what users are shown).</param>
/// <param name="OverdueAt">When the first overdue notice goes out if no update arrives.</param>
/// <param name="Due">What should have been sent by now.</param>
/// <param name="NextAt">The next instant at which something more falls due.</param>
public sealed record ReminderPlan(DateTimeOffset? UpdateDue, DateTimeOffset? OverdueAt, IReadOnlyList<DueSend> Due, DateTimeOffset? NextAt);

/// <summary>
/// What is due when: a pure function of the incident, the last escalation and now.
/// <list type="bullet">
/// <item>Reminder: once per due instant (<see cref="CadencePolicy.NextUpdateDue"/>). A status
/// update, a severity change or a snooze moves the instant, so the next reminder is a new one.</item>
/// <item>Escalation ("update overdue"): grace after the due instant, then again one cadence later,
/// then two, four... (capped), and never within one cadence of the previous escalation.
/// Only the latest attempt is due: a process that was down sends one notice, not a burst.</item>
/// <item>Checkpoint: the latest configured checkpoint an active (unmitigated) incident has passed
/// since its declaration, for its severity. Earlier ones it skipped are not posted late.</item>
/// </list>
/// </summary>
public static class ReminderRules
{
    public static TimeSpan GraceFor(TimeSpan cadence, ReminderOptions options) => options.Grace ?? cadence / 2;

    public static ReminderPlan Evaluate(Incident incident, DateTimeOffset? lastEscalationAt, IncidentsOptions options, DateTimeOffset now)
    {
        var due = new List<DueSend>();
        var later = new List<DateTimeOffset>();
        DateTimeOffset? updateDue = null;
        DateTimeOffset? overdueAt = null;
        if (CadencePolicy.CadenceFor(incident, options.StatusCadence) is { } cadence
            && CadencePolicy.NextUpdateDue(incident, options.StatusCadence) is { } dueAt)
        {
            updateDue = dueAt;
            overdueAt = dueAt + GraceFor(cadence, options.Reminders);
            if (now >= dueAt)
            {
                due.Add(new DueSend(ReminderKind.Reminder, dueAt, $"reminder:{incident.Number}:{Stamp(dueAt)}"));
            }
            else
            {
                later.Add(dueAt);
            }

            Escalation(incident, dueAt, overdueAt.Value, cadence, lastEscalationAt, options.Reminders.MaxEscalationInterval, now, due, later);
        }

        Checkpoints(incident, options.Reminders.EffectiveCheckpoints, now, due, later);
        return new ReminderPlan(updateDue, overdueAt, due, later.Count == 0 ? null : later.Min());
    }

    private static void Escalation(Incident incident, DateTimeOffset dueAt, DateTimeOffset first, TimeSpan cadence, DateTimeOffset? lastEscalationAt,
        TimeSpan cap, DateTimeOffset now, List<DueSend> due, List<DateTimeOffset> later)
    {
        if (now < first)
        {
            later.Add(first);
            return;
        }

        // Attempt k falls at first + c + 2c + 4c ... (each gap capped); find the latest one passed.
        var at = first;
        var attempt = 0;
        var gap = cadence < cap ? cadence : cap;
        while (gap < cap && at + gap <= now)
        {
            at += gap;
            attempt++;
            gap = gap * 2 < cap ? gap * 2 : cap;
        }

        if (at + gap <= now)
        {
            var steps = (now - at).Ticks / gap.Ticks;
            at += TimeSpan.FromTicks(gap.Ticks * steps);
            attempt += (int)Math.Min(steps, int.MaxValue - attempt);
        }

        later.Add(at + gap);
        if (lastEscalationAt is { } last && now < last + cadence)
        {
            later.Add(last + cadence);
            return;
        }

        due.Add(new DueSend(ReminderKind.Escalation, dueAt, $"escalation:{incident.Number}:{Stamp(dueAt)}:{attempt}", attempt));
    }

    private static void Checkpoints(Incident incident, IReadOnlyList<CheckpointOptions> checkpoints, DateTimeOffset now, List<DueSend> due, List<DateTimeOffset> later)
    {
        if (incident.Status != IncidentStatus.Active)
        {
            return;
        }

        var elapsed = now - incident.DeclaredAt;
        var mine = checkpoints.Where(c => c.AppliesTo(incident.Severity)).OrderBy(c => c.After).ToList();
        if (mine.LastOrDefault(c => c.After <= elapsed) is { } passed)
        {
            due.Add(new DueSend(ReminderKind.Checkpoint, incident.DeclaredAt + passed.After, $"checkpoint:{incident.Number}:{passed.Key}", Checkpoint: passed));
        }

        if (mine.FirstOrDefault(c => c.After > elapsed) is { } next)
        {
            later.Add(incident.DeclaredAt + next.After);
        }
    }

    /// <summary>The due instant in keys: UTC to the microsecond, the precision PostgreSQL keeps, so every replica writes the same key.</summary>
    public static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
