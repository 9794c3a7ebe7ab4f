using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Chat.Http;
using Polly.Timeout;

namespace ChatOps.Platforms.Teams.Api;

/// <summary>
/// One JSON call to the Bot Connector or Graph through the shared Polly pipeline (named client
/// <see cref="ClientName"/>), every failure turned into a readable <see cref="ChatPlatformException"/>
/// classified by the Teams error table: 412, 429 and 502-504 can pass, other 4xx and 500 will not.
/// </summary>
public sealed partial class TeamsHttp(IHttpClientFactory clients, ILogger<TeamsHttp> logger)
{
    public const string ClientName = "teams";

    public async Task<JsonObject?> SendAsync(HttpMethod method, Uri url, string token, JsonNode? body, string what, CancellationToken ct)
    {
        if (!TeamsOptions.SecureOrLoopback(url))
        {
            throw new ChatPlatformException($"refusing to send a Teams token over plain http to {url.Host} for {what}", permanent: true);
        }

        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatPlatformException($"Teams could not be reached for {what}: {ex.Message}", permanent: false, inner: ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ChatPlatformException($"Teams did not answer {what} in time", permanent: false, inner: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.Headers.TryGetValues("X-Correlating-OperationId", out var operation))
            {
                LogOperation(logger, what, (int)response.StatusCode, string.Join(",", operation));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, text, what);
            }

            try
            {
                return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The error code Connector and Graph put in the body ({"error":{"code":...}}), if any.</summary>
    public static string? ErrorCode(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?["code"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ChatPlatformException Failure(HttpResponseMessage response, string body, string what)
    {
        var status = (int)response.StatusCode;
        var code = ErrorCode(body);
        var detail = code is null ? $"HTTP {status}" : $"HTTP {status} {code}";
        var retryAfter = OutboundRetry.RetryAfter(response);
        var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
        return new ChatPlatformException($"Teams refused {what} ({detail})", permanent: !transient, retryAfter, new TeamsRefusal(status, code));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams {What}: HTTP {Status}, operation {Operation}")]
    private static partial void LogOperation(ILogger logger, string what, int status, string operation);
}

/// <summary>The status and error code behind a refusal, for callers that treat some as outcomes (a taken channel name).</summary>
public sealed class TeamsRefusal(int status, string? code) : Exception($"HTTP {status} {code}")
{
    public int Status { get; } = status;

    public string? Code { get; } = code;

    public static TeamsRefusal? Of(ChatPlatformException ex) => ex.InnerException as TeamsRefusal;
}
