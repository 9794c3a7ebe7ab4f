using System.Globalization;
using ChatOps.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatOps.Incidents;

/// <summary>Read-only JSON: GET /api/incidents, /api/incidents/{number}, /api/incidents/{number}/timeline.</summary>
public static class IncidentApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents");
        api.MapGet("/", ListAsync);
        api.MapGet("/{number}", GetAsync);
        api.MapGet("/{number}/timeline", TimelineAsync);
    }

    private static async Task<Ok<IncidentSummaryDto[]>> ListAsync(IncidentStore incidents, IOptions<IncidentsOptions> options, int? limit, CancellationToken ct)
    {
        var rows = await incidents.ListAsync(Math.Clamp(limit ?? 100, 1, 500), ct);
        return TypedResults.Ok(rows.Select(i => IncidentSummaryDto.From(i, options.Value.StatusCadence)).ToArray());
    }

    private static async Task<Results<Ok<IncidentDetailDto>, NotFound<ApiProblem>, BadRequest<ApiProblem>>> GetAsync(
        string number, IncidentStore incidents, IOptions<IncidentsOptions> options, CancellationToken ct)
    {
        if (!TryNumber(number, out var n))
        {
            return TypedResults.BadRequest(ApiProblem.BadNumber(number));
        }

        if (await incidents.GetAsync(n, ct) is not { } incident)
        {
            return TypedResults.NotFound(ApiProblem.NoIncident(n));
        }

        var roles = await incidents.ListRolesAsync(n, ct);
        var actions = await incidents.ListActionItemsAsync(n, ct);
        return TypedResults.Ok(new IncidentDetailDto(
            IncidentSummaryDto.From(incident, options.Value.StatusCadence),
            roles.Select(r => new RoleDto(r.Role.ToString(), r.UserId, r.AssignedAt)).ToArray(),
            actions.Select(a => new ActionItemDto(a.Id, a.Text, a.OwnerId, a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Status.ToString(), a.CreatedAt)).ToArray()));
    }

    private static async Task<Results<Ok<TimelineEntryDto[]>, NotFound<ApiProblem>, BadRequest<ApiProblem>>> TimelineAsync(
        string number, IncidentStore incidents, TimelineStore timeline, CancellationToken ct)
    {
        if (!TryNumber(number, out var n))
        {
            return TypedResults.BadRequest(ApiProblem.BadNumber(number));
        }

        if (await incidents.GetAsync(n, ct) is null)
        {
            return TypedResults.NotFound(ApiProblem.NoIncident(n));
        }

        var entries = await timeline.ListAsync(n, ct);
        var revisions = (await timeline.RevisionsAsync(n, ct)).ToLookup(r => r.EntryId);
        return TypedResults.Ok(entries.Select(e => new TimelineEntryDto(
            e.Id, e.OccurredAt, e.Kind.ToString(), e.AuthorId, e.AuthorName, e.Text, e.IsKey, e.IsDeleted, e.DeletedAt, e.DeletedBy,
            revisions[e.Id].Select(r => new RevisionDto(r.Text, r.EditedAt, r.EditedBy)).ToArray())).ToArray());
    }

    internal static bool TryNumber(string text, out long number) =>
        long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
}

public sealed record ApiProblem(string Error)
{
    public static ApiProblem BadNumber(string text) => new($"'{(text.Length > 30 ? text[..30] : text)}' is not an incident number; use a positive integer such as 42.");

    public static ApiProblem NoIncident(long number) => new($"There is no {IncidentLabel.Of(number)}.");
}

public sealed record IncidentSummaryDto(
    long Number, string Label, string Title, int Severity, string Status, string Platform, string? ChannelId, string? ChannelName,
    string CommanderId, string DeclaredBy, DateTimeOffset DeclaredAt, DateTimeOffset? MitigatedAt, DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt, DateTimeOffset? LastStatusAt, DateTimeOffset? NextUpdateDue)
{
    public static IncidentSummaryDto From(Incident i, StatusCadenceOptions cadence) => new(
        i.Number, i.Label, i.Title, (int)i.Severity, i.Status.ToString(), i.Platform, i.ChannelId, i.ChannelName, i.CommanderId, i.DeclaredBy,
        i.DeclaredAt, i.MitigatedAt, i.ResolvedAt, i.ClosedAt, i.LastStatusAt, CadencePolicy.NextUpdateDue(i, cadence));
}

public sealed record IncidentDetailDto(IncidentSummaryDto Incident, RoleDto[] Roles, ActionItemDto[] ActionItems);

public sealed record RoleDto(string Role, string UserId, DateTimeOffset AssignedAt);

public sealed record ActionItemDto(long Id, string Text, string? OwnerId, string? Due, string Status, DateTimeOffset CreatedAt);

public sealed record TimelineEntryDto(
    long Id, DateTimeOffset Time, string Kind, string? AuthorId, string? AuthorName, string Text, bool Key, bool Deleted,
    DateTimeOffset? DeletedAt, string? DeletedBy, RevisionDto[] Revisions);

public sealed record RevisionDto(string Text, DateTimeOffset EditedAt, string? EditedBy);
