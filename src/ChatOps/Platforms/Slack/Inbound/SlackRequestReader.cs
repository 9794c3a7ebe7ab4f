using System.Buffers;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Slack.Inbound;

/// <summary>
/// Reads a webhook's raw body (at most 1 MB) and checks its signature before anything parses it.
/// A refusal is answered 401 and logged with the reason only: never the signature, secret or body.
/// </summary>
public sealed partial class SlackRequestReader(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRequestReader> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The raw body, or null when it is larger than <see cref="MaxBodyBytes"/> (answer 413).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, MaxBodyBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }

    /// <summary>Null when the request is Slack's; otherwise the 401 to answer.</summary>
    public IResult? Verify(HttpRequest request, byte[] body)
    {
        var verdict = SlackSignature.Verify(
            options.Value.SigningSecret,
            request.Headers["X-Slack-Request-Timestamp"].ToString(),
            request.Headers["X-Slack-Signature"].ToString(),
            body,
            clock.GetUtcNow());
        if (verdict == SignatureVerdict.Valid)
        {
            return null;
        }

        LogRejected(logger, request.Path.Value ?? string.Empty, verdict, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return Results.Text("The request signature could not be verified.", statusCode: StatusCodes.Status401Unauthorized);
    }

    public static IResult TooLarge() =>
        Results.Text($"The request body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request to {Path} from {Remote}: {Verdict}")]
    private static partial void LogRejected(ILogger logger, string path, SignatureVerdict verdict, string remote);
}
