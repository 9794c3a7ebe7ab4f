using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// A read-only client for one cluster. Every request is built in <see cref="SendGetAsync"/>, which
/// knows only GET, and travels through <see cref="GetOnlyHandler"/>: no code path can change the
/// cluster. Throttling (429 with Retry-After) and a rotated token (401) are retried by a Polly
/// pipeline; each attempt has its own timeout.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly ClusterConnection _connection;
    private readonly KubernetesOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _clock;
    private long _requests;

    public KubernetesClient(ClusterConnection connection, KubernetesOptions options, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        _connection = connection;
        _options = options;
        _clock = clock;
        _http = new HttpClient(handler is null ? KubernetesTransport.Create(connection) : new GetOnlyHandler(handler), disposeHandler: true)
        {
            BaseAddress = connection.Server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _pipeline = BuildPipeline(connection, options, clock);
    }

    public string Cluster => _connection.Name;

    public Uri Server => _connection.Server;

    /// <summary>Requests sent so far, retries included (the bench reports it).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    public TimeSpan RequestTimeout => _options.RequestTimeout;

    /// <summary>GET a JSON object (one resource, /version).</summary>
    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await SendGetAsync(path, ct);
        await EnsureSuccessAsync(response, path, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await ParseAsync(stream, path, ct);
    }

    /// <summary>GET /readyz?verbose or /livez?verbose: a 500 is an answer (failing checks), not an error.</summary>
    public async Task<HealthAnswer> GetHealthAsync(string path, CancellationToken ct)
    {
        var started = _clock.GetTimestamp();
        using var response = await SendGetAsync(path, ct);
        var latency = _clock.GetElapsedTime(started);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.InternalServerError)
        {
            return new HealthAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), latency);
        }

        await EnsureSuccessAsync(response, path, ct);
        return new HealthAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), latency);
    }

    /// <summary>
    /// Lists a collection page by page (limit/continue), handing each item to <paramref name="sink"/>.
    /// An expired continue token (410) continues with the fresh token the server offers, or restarts
    /// the list once from the beginning (the sink is reset).
    /// </summary>
    public async Task<ListResult> ListAsync(string path, ListQuery query, IListSink sink, CancellationToken ct)
    {
        string? token = null;
        var pages = 0;
        long items = 0;
        var restarted = false;
        var inconsistent = false;
        while (true)
        {
            var url = ListUrl(path, query, token);
            using var response = await SendGetAsync(url, ct);
            if (response.StatusCode == HttpStatusCode.Gone && token is not null)
            {
                var expired = StatusMessages.FromResponse(410, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(ct), path);
                if (expired.ContinueToken is { Length: > 0 } fresh)
                {
                    token = fresh;
                    inconsistent = true;
                    continue;
                }

                if (restarted)
                {
                    throw expired;
                }

                restarted = true;
                sink.Reset();
                items = 0;
                token = null;
                continue;
            }

            await EnsureSuccessAsync(response, path, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var page = await ParseAsync(stream, path, ct);
            pages++;
            if (page.RootElement.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    sink.Add(item);
                    items++;
                }
            }

            token = page.RootElement.TryGetProperty("metadata", out var meta) ? meta.Str("continue") : null;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }

        return new ListResult(pages, items, restarted, inconsistent);
    }

    private string ListUrl(string path, ListQuery query, string? token)
    {
        var parts = new List<string> { $"limit={_options.PageSize.ToString(CultureInfo.InvariantCulture)}" };
        if (token is not null)
        {
            parts.Add("continue=" + Uri.EscapeDataString(token));
        }

        if (query.FieldSelector is { } field)
        {
            parts.Add("fieldSelector=" + Uri.EscapeDataString(field));
        }

        if (query.LabelSelector is { } label)
        {
            parts.Add("labelSelector=" + Uri.EscapeDataString(label));
        }

        // The server's own deadline, a little under ours so its 504 (which names the cause) wins.
        parts.Add($"timeout={Math.Max(1, (int)_options.RequestTimeout.TotalSeconds - 1).ToString(CultureInfo.InvariantCulture)}s");
        return path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', parts);
    }

    /// <summary>The only place a request is made: always GET, never a body.</summary>
    private async Task<HttpResponseMessage> SendGetAsync(string pathAndQuery, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    request.Headers.UserAgent.Add(new ProductInfoHeaderValue("chatops-diag", "1.0"));
                    if (_connection.Token?.Current() is { Length: > 0 } bearer)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    }

                    Interlocked.Increment(ref _requests);

                    // Buffer the body inside the attempt so its timeout covers the transfer too.
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                ct);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new KubernetesApiException(
                string.Create(CultureInfo.InvariantCulture, $"no answer from the API server at {_connection.Server.Authority} within {_options.RequestTimeout.TotalSeconds:0.#} s ({Path(pathAndQuery)})"),
                KubernetesFailure.Timeout, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new KubernetesApiException(
                $"cannot reach the API server at {_connection.Server.Authority}: {ex.Message}", KubernetesFailure.Unreachable, inner: ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        throw StatusMessages.FromResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, Path(path));
    }

    private static async Task<JsonDocument> ParseAsync(Stream stream, string path, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            throw new KubernetesApiException($"the answer to {Path(path)} is not JSON: {ex.Message}", KubernetesFailure.ServerError, inner: ex);
        }
    }

    private static string Path(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? pathAndQuery : pathAndQuery[..q];
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(ClusterConnection connection, KubernetesOptions options, TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        var retries = options.MaxThrottleRetries + (connection.Token is FileToken ? 1 : 0);
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Result, args.AttemptNumber, connection, options)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.StatusCode == HttpStatusCode.Unauthorized ? TimeSpan.Zero : RetryAfter(args.Outcome.Result) ?? TimeSpan.FromSeconds(1)),
                OnRetry = args =>
                {
                    if (args.Outcome.Result?.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        // A projected token may have rotated under us: read the file again, once.
                        connection.Token?.Invalidate();
                    }

                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    private static bool ShouldRetry(HttpResponseMessage? response, int attempt, ClusterConnection connection, KubernetesOptions options) =>
        response?.StatusCode switch
        {
            HttpStatusCode.Unauthorized => attempt == 0 && connection.Token is FileToken,
            HttpStatusCode.TooManyRequests => attempt < options.MaxThrottleRetries && (RetryAfter(response) ?? TimeSpan.Zero) <= options.MaxRetryAfter,
            _ => false,
        };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter?.Delta;

    public void Dispose() => _http.Dispose();
}
