using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>
/// A Slack Web API on real Kestrel at 127.0.0.1:&lt;free port&gt;, speaking Slack's wire format (JSON or
/// form bodies, bearer token, ok/error answers, 429 + Retry-After) for every method ChatOps calls,
/// plus the file upload URL and response_url endpoints. It keeps channels, members, messages, pins,
/// bookmarks, files and opened views, and records every request.
/// <code>
/// await using var slack = await FakeSlack.StartAsync();
/// var broadcast = slack.AddChannel("incidents");
/// settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(); settings["Slack:BotToken"] = FakeSlack.BotToken;
/// slack.RateLimit("chat.postMessage", retryAfter: TimeSpan.FromSeconds(2), during: TimeSpan.FromSeconds(6));
/// var post = await slack.WaitForCallAsync("chat.postMessage");
/// Assert.Equal("hello", slack.Messages(broadcast).Single().Text);
/// </code>
/// </summary>
public sealed partial class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-fake-chatops";
    public const string BotUserId = "UBOTFAKE01";
    public const string BotId = "BFAKEBOT01";
    public const string AppId = "AFAKEAPP01";
    public const string TeamId = "TFAKETEAM1";

    private readonly WebApplication _server;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly SemaphoreSlim _recorded = new(0);
    private readonly object _gate = new();

    private FakeSlack(WebApplication server)
    {
        _server = server;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Set Slack:ApiBaseUrl to this.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api/");

    /// <summary>Every request in arrival order: Web API methods by name, "upload" and "response_url" for the other endpoints.</summary>
    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var fake = new FakeSlack(server);
        server.MapPost("/api/{method}", (HttpContext http, string method) => fake.ApiAsync(http, method));
        server.MapGet("/api/{method}", (HttpContext http, string method) => fake.ApiAsync(http, method));
        server.MapPost("/upload/{fileId}", (HttpContext http, string fileId) => fake.UploadAsync(http, fileId));
        server.MapPost("/response/{id}", (HttpContext http, string id) => fake.ResponseUrlAsync(http, id));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public IReadOnlyList<SlackCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    /// <summary>Waits for the first recorded call to <paramref name="method"/> that matches.</summary>
    public async Task<SlackCall> WaitForCallAsync(string method, Func<SlackCall, bool>? match = null, TimeSpan? timeout = null)
    {
        SlackCall? found = null;
        await WaitUntilAsync(() => (found = _calls.FirstOrDefault(c => c.Method == method && (match?.Invoke(c) ?? true))) is not null, timeout, $"a {method} call");
        return found!;
    }

    /// <summary>Polls <paramref name="condition"/> after every recorded request (and every 100 ms) until it holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string what = "the condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"FakeSlack never saw {what}. Calls: {string.Join(", ", _calls.Select(c => $"{c.Method}:{c.Status}{(c.Error is null ? "" : "/" + c.Error)}"))}");
            }

            await _recorded.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        _recorded.Dispose();
    }

    private async Task ApiAsync(HttpContext http, string method)
    {
        var arrived = DateTimeOffset.UtcNow;
        var body = await FakeSlackWire.ReadBodyAsync(http.Request);
        var answer = await Script.ApplyAsync(method) ?? Authorize(http.Request) ?? Handle(method, body);
        await Record(http, method, body, arrived, answer);
    }

    private FakeAnswer? Authorize(HttpRequest request) =>
        request.Headers.Authorization.ToString() switch
        {
            "" => FakeAnswer.Error("not_authed"),
            $"Bearer {BotToken}" => null,
            _ => FakeAnswer.Error("invalid_auth"),
        };

    private async Task UploadAsync(HttpContext http, string fileId)
    {
        var arrived = DateTimeOffset.UtcNow;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var answer = await Script.ApplyAsync("upload")
            ?? (Upload(fileId, bytes) ? FakeAnswer.Text(HttpStatusCode.OK, $"OK - {bytes.Length}") : FakeAnswer.Text(HttpStatusCode.NotFound, "file_not_found"));
        await Record(http, "upload", new JsonObject { ["file_id"] = fileId, ["length"] = bytes.Length, ["content"] = Encoding.UTF8.GetString(bytes) }, arrived, answer);
    }

    private async Task ResponseUrlAsync(HttpContext http, string id)
    {
        var arrived = DateTimeOffset.UtcNow;
        var body = await FakeSlackWire.ReadBodyAsync(http.Request);
        body["response_url_id"] = id;
        var answer = await Script.ApplyAsync("response_url") ?? RespondTo(id, body);
        await Record(http, "response_url", body, arrived, answer);
    }

    private async Task Record(HttpContext http, string method, JsonObject body, DateTimeOffset arrived, FakeAnswer answer)
    {
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _calls.Enqueue(new SlackCall(method, body, headers, arrived, (int)answer.Status, answer.ErrorCode));
        _recorded.Release();
        await answer.WriteAsync(http.Response);
    }
}

/// <summary>One request the fake received: the method, its parsed body (form fields as strings), headers, arrival time and the answer given.</summary>
public sealed record SlackCall(string Method, JsonObject Body, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At, int Status, string? Error)
{
    public bool Ok => Status == 200 && Error is null;

    /// <summary>A body field as text ("channel", "text", "users"...).</summary>
    public string? this[string field] => Body[field] is JsonValue v ? v.ToString() : Body[field]?.ToJsonString();
}
