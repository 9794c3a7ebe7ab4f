using ChatOps.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Infrastructure;

/// <summary>
/// The real app, built by the same code as Program.cs, on real Kestrel bound to a free loopback
/// port, against a real database. Tests talk to it over HTTP.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<TestApp> StartAsync(
        StorageOptions storage,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        var values = storage.Settings();
        values["Urls"] = "http://127.0.0.1:0";
        values["Logging:LogLevel:Default"] = "Warning";
        values["Logging:LogLevel:ChatOps"] = "Warning";
        values["Outbox:PollInterval"] = "00:00:00.200";
        values["Scheduler:IdleWaitTime"] = "00:00:01";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = ChatOpsApp.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.AddInMemoryCollection(values);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        }, services);
        await ChatOpsApp.PrepareAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var testApp = new TestApp(app, new Uri(address));
        await testApp.WaitReadyAsync();
        return testApp;
    }

    /// <summary>The scheduler starts in the background, so "started" is not yet "ready": wait as a probe would.</summary>
    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        await DisposeAsync();
        throw new TimeoutException($"the app did not become ready: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
