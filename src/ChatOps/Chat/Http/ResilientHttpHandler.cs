using Polly;

namespace ChatOps.Chat.Http;

/// <summary>
/// Runs each request through an <see cref="OutboundRetry"/> pipeline. The request is rebuilt for
/// every attempt because an HttpRequestMessage can be sent only once.
/// </summary>
public sealed class ResilientHttpHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentHeaders = request.Content?.Headers.ToList() ?? [];
        return await pipeline.ExecuteAsync(
            async ct =>
            {
                using var attempt = Clone(request, body, contentHeaders);
                return await base.SendAsync(attempt, ct);
            },
            cancellationToken);
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body, List<KeyValuePair<string, IEnumerable<string>>> contentHeaders)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            clone.Content = new ByteArrayContent(body);
            foreach (var header in contentHeaders)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }
}
