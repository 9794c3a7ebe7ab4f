using ChatOps.Maintenance;

namespace ChatOps.Tests.Maintenance;

/// <summary>Test data builder for windows as the store would return them.</summary>
internal static class Windows
{
    public static MaintenanceWindow At(DateTimeOffset start, TimeSpan duration, string? scope = null, long id = 1) => new()
    {
        Id = id,
        Title = $"Window {id}",
        Scope = scope,
        Kind = WindowKind.Planned,
        Status = WindowStatus.Scheduled,
        Platform = "test",
        ChannelId = "C-PLAN",
        PlannerId = "U-PLANNER",
        StartsAt = start,
        EndsAt = start + duration,
        PlannedEndsAt = start + duration,
        Revision = 1,
        CreatedAt = start - TimeSpan.FromDays(6),
        UpdatedAt = start - TimeSpan.FromDays(6),
    };

    public static MaintenanceWindow PendingEmergency(DateTimeOffset start, TimeSpan duration, string planner = "U-LEAD") =>
        At(start, duration) with { Kind = WindowKind.Emergency, Status = WindowStatus.Pending, PlannerId = planner, Reason = "CVE in the kubelet" };
}
