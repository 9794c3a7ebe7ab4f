using System.Net;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>Misbehaviour on demand: slow answers, rate limits, server errors, refusals.</summary>
public sealed partial class FakeSlack
{
    internal FakeSlackScript Script { get; } = new();

    /// <summary>Every call (or every call to <paramref name="method"/>) is answered only after <paramref name="delay"/>.</summary>
    public FakeSlack Delay(TimeSpan delay, string? method = null)
    {
        Script.Add(method, delay);
        return this;
    }

    /// <summary>HTTP 429 {"error":"ratelimited"} with Retry-After, for a period from now and/or a number of calls (forever if neither).</summary>
    public FakeSlack RateLimit(string? method, TimeSpan retryAfter, TimeSpan? during = null, int? calls = null)
    {
        Script.Add(new ScriptRule(method, during, calls, () => FakeAnswer.Error("ratelimited", status: HttpStatusCode.TooManyRequests, retryAfter: retryAfter)));
        return this;
    }

    /// <summary>A storm of HTTP 5xx answers.</summary>
    public FakeSlack ServerErrors(string? method, int? calls = null, TimeSpan? during = null, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        Script.Add(new ScriptRule(method, during, calls, () => FakeAnswer.Text(status, $"HTTP {(int)status}")));
        return this;
    }

    /// <summary>{"ok":false,"error":<paramref name="error"/>} from <paramref name="method"/> (transient codes such as internal_error too).</summary>
    public FakeSlack Fail(string method, string error, int? calls = null)
    {
        Script.Add(new ScriptRule(method, null, calls, () => FakeAnswer.Error(error)));
        return this;
    }

    /// <summary>Drops every delay and failure rule (state is kept).</summary>
    public void ResetScript() => Script.Clear();
}

internal sealed class ScriptRule(string? onlyFor, TimeSpan? during, int? calls, Func<FakeAnswer> answer)
{
    private readonly string? _method = onlyFor;
    private readonly DateTimeOffset? _until = during is { } d ? DateTimeOffset.UtcNow + d : null;
    private int? _remaining = calls;

    /// <summary>True (and one use consumed) when the rule answers this call.</summary>
    public bool TryUse(string method, DateTimeOffset now, out FakeAnswer? result)
    {
        result = null;
        if ((_method is not null && _method != method) || (_until is { } until && now >= until) || _remaining <= 0)
        {
            return false;
        }

        _remaining--;
        result = answer();
        return true;
    }
}

internal sealed class FakeSlackScript
{
    private readonly List<(string? Method, TimeSpan Delay)> _delays = [];
    private readonly List<ScriptRule> _rules = [];

    public void Add(string? method, TimeSpan delay)
    {
        lock (_rules)
        {
            _delays.Add((method, delay));
        }
    }

    public void Add(ScriptRule rule)
    {
        lock (_rules)
        {
            _rules.Add(rule);
        }
    }

    public void Clear()
    {
        lock (_rules)
        {
            _delays.Clear();
            _rules.Clear();
        }
    }

    /// <summary>Waits any scripted delay, then returns the scripted answer for this call, or null to answer normally.</summary>
    public async Task<FakeAnswer?> ApplyAsync(string method)
    {
        TimeSpan delay;
        FakeAnswer? answer = null;
        lock (_rules)
        {
            delay = _delays.Where(d => d.Method is null || d.Method == method).Select(d => d.Delay).DefaultIfEmpty(TimeSpan.Zero).Max();
            var now = DateTimeOffset.UtcNow;
            foreach (var rule in _rules)
            {
                if (rule.TryUse(method, now, out answer))
                {
                    break;
                }
            }
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        return answer;
    }
}
