namespace ChatOps.Maintenance.Announcements;

/// <summary>What an announcement says. The four timed kinds are Quartz jobs; the rest follow a command.</summary>
public enum AnnouncementKind
{
    Scheduled,
    Approved,
    Reminder24h,
    Reminder1h,
    Started,
    Ended,
    Overrunning,
    EndMoved,
    Cancelled,
    Confirmed,
}

public static class AnnouncementKinds
{
    /// <summary>The timed announcements, in the order they fall due.</summary>
    public static IReadOnlyList<AnnouncementKind> Timed { get; } =
        [AnnouncementKind.Reminder24h, AnnouncementKind.Reminder1h, AnnouncementKind.Started, AnnouncementKind.Ended];

    public static bool IsTimed(this AnnouncementKind kind) => Timed.Contains(kind);

    /// <summary>When a timed announcement falls due for the window as it is now.</summary>
    public static DateTimeOffset DueAt(this AnnouncementKind kind, MaintenanceWindow window) => kind switch
    {
        AnnouncementKind.Reminder24h => window.StartsAt - TimeSpan.FromHours(24),
        AnnouncementKind.Reminder1h => window.StartsAt - TimeSpan.FromHours(1),
        AnnouncementKind.Started => window.StartsAt,
        AnnouncementKind.Ended => window.EndsAt,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a timed announcement"),
    };

    /// <summary>
    /// A timed announcement that is late enough for the next one to be due says nothing new: a
    /// "starts in 24 hours" reminder delivered after the start would mislead. The later one speaks.
    /// </summary>
    public static bool IsSuperseded(this AnnouncementKind kind, MaintenanceWindow window, DateTimeOffset now)
    {
        var index = ((IList<AnnouncementKind>)Timed).IndexOf(kind);
        return index >= 0 && index + 1 < Timed.Count && now >= Timed[index + 1].DueAt(window);
    }

    /// <summary>Short stable names for dedupe keys and trigger names.</summary>
    public static string Key(this AnnouncementKind kind) => kind switch
    {
        AnnouncementKind.Reminder24h => "t24h",
        AnnouncementKind.Reminder1h => "t1h",
        AnnouncementKind.Started => "start",
        AnnouncementKind.Ended => "end",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Headline(this AnnouncementKind kind, MaintenanceWindow window) => kind switch
    {
        AnnouncementKind.Scheduled => "🛠️ Maintenance scheduled",
        AnnouncementKind.Approved => "🚨 Emergency maintenance approved",
        AnnouncementKind.Reminder24h => "⏰ Maintenance starts in 24 hours",
        AnnouncementKind.Reminder1h => "⏰ Maintenance starts in 1 hour",
        AnnouncementKind.Started => "🔧 Maintenance in progress",
        AnnouncementKind.Ended => window.IsExtended ? "✅ Maintenance completed (after an overrun)" : "✅ Maintenance completed",
        AnnouncementKind.Overrunning => "⏳ Maintenance overrunning",
        AnnouncementKind.EndMoved => "🗓️ Maintenance end moved",
        AnnouncementKind.Cancelled => "🚫 Maintenance cancelled",
        _ => "👍 Maintenance going ahead",
    };
}
