using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Bench.Triage;

/// <summary>
/// A large fake cluster for the triage benchmark, run as its own process (so its memory is not
/// counted against the client): nodes and pods are generated page by page from their index, never
/// held as a whole. It speaks enough of the API for the bot's triage and for kubectl (discovery,
/// limit/continue). GET /_stats returns and resets the request count.
/// </summary>
internal static class FakeClusterServer
{
    public const string Flag = "--serve-fake-cluster";

    public static async Task<int> ServeAsync(int nodes, int pods)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var cluster = new GeneratedCluster(nodes, pods);
        app.Run(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (path == "/_stats")
            {
                var total = counts.Values.Sum();
                counts.Clear();
                await http.Response.WriteAsync(total.ToString(CultureInfo.InvariantCulture));
                return;
            }

            counts.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (http.Request.Method != "GET")
            {
                http.Response.StatusCode = 405;
                return;
            }

            var (status, contentType, body) = cluster.Answer(path, http.Request.Query["limit"], http.Request.Query["continue"], http.Request.Query["labelSelector"]);
            http.Response.StatusCode = status;
            http.Response.ContentType = contentType;
            await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(address);
        Console.Out.Flush();

        // The parent closes our stdin when it is done.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
