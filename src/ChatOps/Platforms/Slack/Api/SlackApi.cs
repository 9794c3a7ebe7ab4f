using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Chat.Http;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>
/// One Slack Web API call: bearer token, JSON or form body, the shared Polly pipeline (in the named
/// HttpClient), and every failure turned into a <see cref="ChatPlatformException"/> that says what
/// Slack refused and whether trying later can help. The token is sent only to the API base URL.
/// </summary>
public sealed class SlackApi(IHttpClientFactory clients, IOptions<SlackOptions> options)
{
    /// <summary>Outbox deliveries: <see cref="OutboundRetry.Delivery"/>.</summary>
    public const string DeliveryClient = "slack";

    /// <summary>Calls inside a webhook (views.open): <see cref="OutboundRetry.Inline"/>.</summary>
    public const string InlineClient = "slack-inline";

    internal static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task<SlackAnswer> PostJsonAsync(string method, JsonObject body, string where, CancellationToken ct, bool inline = false) =>
        CallAsync(method, new StringContent(body.ToJsonString(Wire), Encoding.UTF8, "application/json"), where, inline, ct);

    /// <summary>Form-encoded, for the methods documented as form/query only (users.info, usergroups.users.list, files.*).</summary>
    public Task<SlackAnswer> PostFormAsync(string method, IEnumerable<KeyValuePair<string, string>> form, string where, CancellationToken ct) =>
        CallAsync(method, new FormUrlEncodedContent(form), where, inline: false, ct);

    /// <summary>A POST to a URL Slack handed out (upload_url, response_url): no token, any 2xx is success.</summary>
    public async Task PostRawAsync(Uri url, HttpContent content, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        using var response = await SendAsync(request, what, inline: false, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HttpFailure(response, what);
        }
    }

    /// <summary>Where a call acted, for messages: " in C123".</summary>
    public static string In(string channelId) => $" in {channelId}";

    private async Task<SlackAnswer> CallAsync(string method, HttpContent content, string where, bool inline, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl(), method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        using var response = await SendAsync(request, method, inline, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HttpFailure(response, $"{method}{where}");
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return new SlackAnswer(method, where, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw new ChatPlatformException($"Slack answered {method}{where} with something that is not JSON", permanent: false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, bool inline, CancellationToken ct)
    {
        var client = clients.CreateClient(inline ? InlineClient : DeliveryClient);
        try
        {
            return await client.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatPlatformException($"Slack could not be reached for {what}: {ex.Message}", permanent: false, inner: ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ChatPlatformException($"Slack did not answer {what} in time", permanent: false, inner: ex);
        }
    }

    private static ChatPlatformException HttpFailure(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = OutboundRetry.RetryAfter(response);
            return new ChatPlatformException($"Slack rate-limited {what} (HTTP 429, retry after {retryAfter?.TotalSeconds ?? 0:0} s)", permanent: false, retryAfter);
        }

        // 5xx and 408 can pass; any other 4xx will be refused again.
        var transient = status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout;
        return new ChatPlatformException($"Slack answered {what} with HTTP {status}", permanent: !transient);
    }

    private Uri BaseUrl()
    {
        var configured = options.Value.ApiBaseUrl;
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }
}
