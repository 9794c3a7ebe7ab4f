using ChatOps.Chat.Messages;
using ChatOps.Incidents;

namespace ChatOps.Reminders;

/// <summary>What reminders, overdue notices and checkpoints say, in neutral form. User text (the title) enters only as Plain.</summary>
public static class ReminderMessages
{
    public static ChatMessage Reminder(Incident i, DateTimeOffset dueAt, DateTimeOffset? overdueAt, TimeSpan cadence, TimeSpan snooze)
    {
        var context = new List<Rich> { Rich.Of(new Plain($"Updates are due every {Minutes(cadence)} at {IncidentMessages.SeverityLabel(i.Severity)} ({i.Status.ToString().ToLowerInvariant()}). Last update: "), new Time(CadencePolicy.ClockStart(i)), new Plain(".")) };
        if (overdueAt is { } overdue)
        {
            context.Add(Rich.Of(new Plain("Stakeholders are told it is overdue at "), new Time(overdue), new Plain(".")));
        }

        return new ChatMessage(
            $"{i.Label}: status update due. @{i.CommanderId}, please post an update.",
            [
                new Section(Rich.Of(new Bold($"⏰ {i.Label} · status update due"), new LineBreak(), new Mention(i.CommanderId),
                    new Plain(", a status update was due "), new Time(dueAt), new Plain(". What changed, what is next?"))),
                new Context(context),
                new Actions([new Button("Post update", $"/incident status #{i.Number}", ButtonStyle.Primary), new Button($"Snooze {Compact(snooze)}", $"/incident snooze #{i.Number} {Compact(snooze)}")]),
            ]);
    }

    public static ChatMessage Overdue(Incident i, DateTimeOffset dueAt, int attempt)
    {
        var text = Rich.Of(new Bold($"⚠️ {i.Label} · update overdue · {IncidentMessages.SeverityLabel(i.Severity)}"), new LineBreak(), new Plain(i.Title), new LineBreak(),
            new Plain("No status update since "), new Time(CadencePolicy.ClockStart(i)), new Plain("; one was due "), new Time(dueAt), new Plain(". Incident commander: "), new Mention(i.CommanderId), new Plain("."));
        var context = new List<Rich>();
        if (i.ChannelId is not null)
        {
            context.Add(Rich.Of(new Plain("Follow in "), new ChannelRef(i.ChannelId, i.ChannelName)));
        }

        if (attempt > 0)
        {
            context.Add(Rich.Of(new Plain($"Overdue notice {attempt + 1}: still no update.")));
        }

        var blocks = new List<Block> { new Section(text) };
        if (context.Count > 0)
        {
            blocks.Add(new Context(context));
        }

        return new ChatMessage($"{i.Label} update overdue ({IncidentMessages.SeverityLabel(i.Severity)}): {i.Title}", blocks);
    }

    public static ChatMessage Checkpoint(Incident i, CheckpointOptions checkpoint) => new(
        $"{i.Label} checkpoint, {Minutes(checkpoint.After)} unmitigated: {checkpoint.Text}",
        [
            new Section(Rich.Of(new Bold($"🧭 {i.Label} · checkpoint: {Minutes(checkpoint.After)} unmitigated"), new LineBreak(),
                new Plain(checkpoint.Text), new LineBreak(), new Mention(i.CommanderId), new Plain(", record the decision with /incident note."))),
        ]);

    /// <summary>"15 min", "1 h", "1 h 30 min", "5 s".</summary>
    public static string Minutes(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{(int)span.TotalSeconds} s";
        }

        var (hours, minutes) = ((int)span.TotalHours, span.Minutes);
        return hours == 0 ? $"{minutes} min" : minutes == 0 ? $"{hours} h" : $"{hours} h {minutes} min";
    }

    /// <summary>How /incident snooze takes a duration: "10m", "1h30m", "45s".</summary>
    public static string Compact(TimeSpan span)
    {
        var text = (span.Hours + (span.Days * 24) > 0 ? $"{(int)span.TotalHours}h" : string.Empty) + (span.Minutes > 0 ? $"{span.Minutes}m" : string.Empty) + (span.Seconds > 0 ? $"{span.Seconds}s" : string.Empty);
        return text.Length == 0 ? "1m" : text;
    }
}
