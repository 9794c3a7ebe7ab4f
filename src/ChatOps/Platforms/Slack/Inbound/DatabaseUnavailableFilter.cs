using System.Data.Common;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// A webhook that could not reach the database answers 503 with a reason, not 500: nothing was
/// recorded, the caller may retry (Slack redelivers events; a user clicks again), and the log
/// gets one line instead of an unhandled-exception stack for every request of an outage.
/// </summary>
public sealed partial class DatabaseUnavailableFilter(ILogger<DatabaseUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DbException ex) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, context.HttpContext.Request.Path.Value ?? string.Empty, ex.GetType().Name, ex.Message);
            return Results.Text("ChatOps cannot reach its database right now; nothing was recorded. Please try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answered 503 to {Path}: the database is unavailable ({Error}: {Message})")]
    private static partial void LogUnavailable(ILogger logger, string path, string error, string message);
}
