using System.Data.Common;
using System.Globalization;
using ChatOps.Chat;
using ChatOps.Chat.Delivery;
using Microsoft.Extensions.Options;

namespace ChatOps.Maintenance.Announcements;

/// <summary>
/// Enqueues announcements in the caller's transaction, to <c>Maintenance:AnnouncementChannel</c>
/// or else the broadcast channel of the platform the window was scheduled on. Every post has a
/// dedupe key, so a replayed command or two replicas firing the same timer post it once.
/// </summary>
public sealed partial class MaintenanceAnnouncer(ChatDelivery delivery, ChatPlatforms platforms, IOptions<MaintenanceOptions> options, ILogger<MaintenanceAnnouncer> logger)
{
    public string? ChannelFor(string platform) =>
        options.Value.AnnouncementChannel is { Length: > 0 } channel ? channel
        : platforms.TryGet(platform, out var p) && p.BroadcastChannel is { Length: > 0 } broadcast ? broadcast
        : null;

    /// <summary>Key for an announcement that follows a command: one per kind and revision.</summary>
    public static string CommandKey(MaintenanceWindow w, AnnouncementKind kind) => $"maint:{w.Id}:{kind.Key()}:r{w.Revision}";

    /// <summary>Key for a timed announcement: one per kind and due instant, so a moved end posts again but a refire does not.</summary>
    public static string TimedKey(MaintenanceWindow w, AnnouncementKind kind) =>
        $"maint:{w.Id}:{kind.Key()}:{kind.DueAt(w).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>True when a post was enqueued; false when there is no channel or it was already enqueued.</summary>
    public async Task<bool> AnnounceAsync(DbConnection c, DbTransaction tx, MaintenanceWindow w, AnnouncementKind kind, string dedupeKey,
        IReadOnlyList<MajorIncident> incidents, CancellationToken ct)
    {
        var targets = platforms.BroadcastTargets(w.Platform, ChannelFor(w.Platform));
        if (targets.Count == 0)
        {
            LogNoChannel(logger, w.Id, kind, w.Platform);
            return false;
        }

        // Product teams follow on whichever platform they use, so every platform's broadcast channel hears of it.
        var message = MaintenanceMessages.Announcement(w, kind, incidents);
        var any = false;
        foreach (var target in targets)
        {
            any |= await delivery.PostAsync(c, tx, target.Platform, target.Channel, message, dedupeKey: target.Key(dedupeKey), ct: ct);
        }

        return any;
    }

    public Task<bool> AnnounceAsync(DbConnection c, DbTransaction tx, MaintenanceWindow w, AnnouncementKind kind, CancellationToken ct) =>
        AnnounceAsync(c, tx, w, kind, CommandKey(w, kind), [], ct);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Maintenance window {Id}: no announcement channel for {Kind} on {Platform} (set Maintenance:AnnouncementChannel or the platform's broadcast channel)")]
    private static partial void LogNoChannel(ILogger logger, long id, AnnouncementKind kind, string platform);
}
