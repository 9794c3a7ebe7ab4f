using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ChatOps.Chat.Http;

/// <summary>
/// How a platform client retries one call in-process. Longer waits than
/// <see cref="MaxRetryAfter"/> are not sat out here: the call fails as transient with the
/// platform's Retry-After and the outbox reschedules the row, so nothing holds a worker for minutes.
/// </summary>
public sealed record OutboundRetry(int MaxAttempts, TimeSpan MaxRetryAfter, TimeSpan AttemptTimeout, TimeSpan BaseDelay)
{
    /// <summary>For outbox deliveries: patient, within the claim lease.</summary>
    public static OutboundRetry Delivery { get; } = new(5, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));

    /// <summary>For calls inside a webhook (opening a form within Slack's 3 s trigger lifetime): one quick try.</summary>
    public static OutboundRetry Inline { get; } = new(1, TimeSpan.Zero, TimeSpan.FromSeconds(2.5), TimeSpan.Zero);

    /// <summary>
    /// Retries 429 (honouring Retry-After), 5xx except 501, timeouts and connection failures, with
    /// exponential backoff and jitter; each attempt has its own timeout.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> Build(TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        return builder.AddTimeout(AttemptTimeout).Build();
    }

    /// <summary>The server's Retry-After (seconds or date), when it sent one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date && response?.Headers.Date is { } now ? date - now : null;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is HttpRequestException or TimeoutRejectedException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return (RetryAfter(response) ?? TimeSpan.Zero) <= maxRetryAfter;
        }

        return (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented;
    }
}
