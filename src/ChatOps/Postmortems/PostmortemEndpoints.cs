using System.Globalization;
using System.Text;
using ChatOps.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOps.Postmortems;

/// <summary>GET /api/incidents/{number}/postmortem.md[?version=N]: the latest draft, or the version asked for.</summary>
internal static class PostmortemEndpoints
{
    public const string ContentType = "text/markdown; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/incidents/{number}/postmortem.md", GetAsync);

    private static async Task<Results<ContentHttpResult, NotFound<ApiProblem>, BadRequest<ApiProblem>>> GetAsync(
        string number, string? version, IncidentStore incidents, PostmortemStore store, CancellationToken ct)
    {
        if (!long.TryParse(number.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return TypedResults.BadRequest(ApiProblem.BadNumber(number));
        }

        int? wanted = null;
        if (version is not null)
        {
            if (!int.TryParse(version.TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
            {
                return TypedResults.BadRequest(new ApiProblem($"'{Shorten(version)}' is not a draft version; use a positive integer such as 2."));
            }

            wanted = v;
        }

        if (await incidents.GetAsync(n, ct) is not { } incident)
        {
            return TypedResults.NotFound(ApiProblem.NoIncident(n));
        }

        var latest = await store.GetLatestAsync(n, ct);
        if (latest is null)
        {
            return TypedResults.NotFound(new ApiProblem(incident.Status == IncidentStatus.Closed
                ? $"{incident.Label} is closed but its postmortem draft is still being written; try again in a few seconds."
                : $"{incident.Label} has no postmortem draft yet; one is written when the incident is closed (/incident close)."));
        }

        var draft = wanted is { } w && w != latest.Version ? await store.GetAsync(n, w, ct) : latest;
        if (draft is null)
        {
            return TypedResults.NotFound(new ApiProblem($"{incident.Label} has no postmortem draft version {wanted}; the latest is version {latest.Version}."));
        }

        return TypedResults.Text(draft.Markdown, ContentType, Encoding.UTF8);
    }

    private static string Shorten(string text) => text.Length > 20 ? text[..20] : text;
}
