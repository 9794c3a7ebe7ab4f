using System.Net;
using System.Text.Json;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Hosting;

public sealed class HealthTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Alive_and_ready_on_a_fresh_store(StorageProvider provider)
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider));

        using var health = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(HttpStatusCode.OK == ready.StatusCode, await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_is_503_with_the_reason_while_the_database_is_down_and_recovers()
    {
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres);
        await using var app = await TestApp.StartAsync(storage);

        await TestPostgres.CutOffAsync(storage.ConnectionString);
        using var down = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
        using var alive = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        await TestPostgres.RestoreAsync(storage.ConnectionString);
        var back = await ReadyWithinAsync(app, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("database unreachable", body.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.True(back, "readyz did not recover after the database came back");
    }

    private static async Task<bool> ReadyWithinAsync(TestApp app, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await app.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
