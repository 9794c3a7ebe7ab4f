using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Bench.Webhooks;

/// <summary>
/// A stand-in Slack Web API on loopback that answers every method with ok:true after a fixed
/// delay (5 s in the ack scenario): whatever ChatOps sends in the background is slow, which is the
/// point: the acknowledgements measured beside it must not wait for it.
/// </summary>
internal sealed class SlowSlack : IAsyncDisposable
{
    private readonly WebApplication _server;
    private int _calls;
    private int _channels;

    private SlowSlack(WebApplication server) => _server = server;

    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>Web API calls received so far (each answered only after the delay).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static async Task<SlowSlack> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var slack = new SlowSlack(server);
        server.MapPost("/api/{method}", (string method) => slack.AnswerAsync(method, delay));
        server.MapGet("/api/{method}", (string method) => slack.AnswerAsync(method, delay));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        slack.ApiBaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return slack;
    }

    private async Task<IResult> AnswerAsync(string method, TimeSpan delay)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(delay);
        var answer = new JsonObject { ["ok"] = true, ["ts"] = $"1772445600.{Interlocked.Increment(ref _channels):D6}" };
        if (method.StartsWith("conversations.", StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _channels);
            answer["channel"] = new JsonObject { ["id"] = $"CBENCH{n:D5}", ["name"] = $"bench-{n}", ["is_member"] = true };
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
