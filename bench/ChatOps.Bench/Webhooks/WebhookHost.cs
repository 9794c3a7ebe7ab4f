using ChatOps.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bench.Webhooks;

/// <summary>The real ChatOps app (the same Build as Program.cs) on Kestrel at a loopback port, Slack configured against a stand-in.</summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public const string Secret = "bench-signing-secret-5c1d";

    private WebhookHost(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<WebhookHost> StartAsync(string postgres, Uri slackApi)
    {
        var values = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:Provider"] = nameof(StorageProvider.Postgres),
            ["Storage:ConnectionString"] = postgres,
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:ApiBaseUrl"] = slackApi.ToString(),
            ["Slack:BroadcastChannel"] = "CBENCHBCST",
            ["Logging:LogLevel:Default"] = "Error",
        };
        var app = ChatOpsApp.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Production";
            builder.Configuration.AddInMemoryCollection(values);
        });
        await ChatOpsApp.PrepareAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new WebhookHost(app, new Uri(address));
        for (var i = 0; i < 300; i++)
        {
            using var ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (ready.IsSuccessStatusCode)
            {
                return host;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("ChatOps did not become ready");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await App.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Deliveries still waiting on the slow Slack stand-in: the bench is over, drop them.
        }

        await App.DisposeAsync();
    }
}
