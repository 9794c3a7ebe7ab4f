using ChatOps.Storage;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Quartz;

namespace ChatOps.Hosting;

/// <summary>GET /healthz (the process answers) and GET /readyz (database reachable, scheduler running).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthReport("alive", [])))
            .ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> ReadyAsync(
        Database database, ISchedulerFactory schedulers, CancellationToken ct)
    {
        var problems = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var connection = await database.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: timeout.Token));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            problems.Add($"database unreachable: {ex.GetType().Name}");
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        if (status != SchedulerStatus.Running)
        {
            problems.Add($"scheduler {status.ToString().ToLowerInvariant()}");
        }

        return problems.Count == 0
            ? TypedResults.Ok(new HealthReport("ready", []))
            : TypedResults.Json(new HealthReport("not ready", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record HealthReport(string Status, IReadOnlyList<string> Problems);
