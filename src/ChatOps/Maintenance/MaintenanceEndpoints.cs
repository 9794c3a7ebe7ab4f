using ChatOps.Maintenance.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOps.Maintenance;

/// <summary>
/// GET /api/maintenance (JSON) and GET /maintenance.ics (the calendar feed). Both are read-only
/// and hold no incident data; the feed must be reachable by calendar services to be subscribed.
/// Windows that ended more than <see cref="History"/> ago are left out.
/// </summary>
internal static class MaintenanceEndpoints
{
    public static readonly TimeSpan History = TimeSpan.FromDays(180);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/maintenance", ListAsync);
        app.MapGet("/api/maintenance/{id}", GetAsync);
        app.MapGet("/maintenance.ics", CalendarAsync);
    }

    private static async Task<JsonHttpResult<IReadOnlyList<WindowView>>> ListAsync(MaintenanceStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var windows = await store.ListSinceAsync(now - History, ct);
        return TypedResults.Json<IReadOnlyList<WindowView>>(windows.Select(w => WindowView.Of(w, now)).ToList(), MaintenanceJson.Options);
    }

    private static async Task<Results<JsonHttpResult<WindowView>, NotFound<ProblemText>, BadRequest<ProblemText>>> GetAsync(
        string id, MaintenanceStore store, TimeProvider clock, CancellationToken ct)
    {
        if (MaintenanceLabel.Parse(id) is not { } number)
        {
            return TypedResults.BadRequest(new ProblemText($"'{id}' is not a maintenance window id (like 7 or MW-7)."));
        }

        return await store.GetAsync(number, ct) is { } window
            ? TypedResults.Json(WindowView.Of(window, clock.GetUtcNow()), MaintenanceJson.Options)
            : TypedResults.NotFound(new ProblemText($"There is no maintenance window {MaintenanceLabel.Of(number)}."));
    }

    private static async Task<ContentHttpResult> CalendarAsync(MaintenanceStore store, TimeProvider clock, CancellationToken ct)
    {
        var windows = await store.ListSinceAsync(clock.GetUtcNow() - History, ct);
        return TypedResults.Text(MaintenanceCalendar.Render(windows), MaintenanceCalendar.ContentType);
    }
}

internal sealed record ProblemText(string Error);

/// <summary>A window as the JSON API shows it.</summary>
internal sealed record WindowView(
    long Id, string Label, string Title, string? Scope, WindowKind Kind, WindowPhase Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset PlannedEndsAt, string PlannerId, string? Reason, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? CancelledBy,
    DateTimeOffset? CancelledAt, string? CancelReason, Checklist Checklist, IReadOnlyList<ChecklistItem> MissingChecklist, int Revision,
    DateTimeOffset UpdatedAt, string CalendarUid)
{
    public static WindowView Of(MaintenanceWindow w, DateTimeOffset now) => new(
        w.Id, w.Label, w.Title, w.Scope, w.Kind, w.PhaseAt(now), w.StartsAt, w.EndsAt, w.PlannedEndsAt, w.PlannerId, w.Reason, w.ApprovedBy,
        w.ApprovedAt, w.CancelledBy, w.CancelledAt, w.CancelReason, w.Checklist, w.Checklist.Missing, w.Revision, w.UpdatedAt,
        MaintenanceCalendar.Uid(w));
}
