using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.IntegrationTests.Infrastructure;

namespace ChatOps.IntegrationTests.Web;

/// <summary>Talks to /playground/api as the page does, so tests read like a person using the playground.</summary>
public sealed class PlaygroundClient(TestApp app)
{
    public TestApp App => app;

    public async Task<HttpResponseMessage> PostAsync(string path, object body) =>
        await app.Client.PostAsJsonAsync(new Uri("/playground/api/" + path, UriKind.Relative), body);

    /// <summary>Sends a message or command and expects it to be taken.</summary>
    public async Task SayAsync(string user, string channel, string text)
    {
        using var response = await PostAsync("send", new { user, channel, text });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{text}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<IReadOnlyList<JsonElement>> ChannelsAsync(string user)
    {
        using var doc = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri($"/playground/api/channels?user={user}", UriKind.Relative)));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public async Task<IReadOnlyList<JsonElement>> MessagesAsync(string user, string channel)
    {
        using var doc = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri($"/playground/api/channels/{channel}/messages?user={user}", UriKind.Relative)));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Waits until a message whose HTML contains <paramref name="text"/> is visible to <paramref name="user"/> and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string user, string channel, string text)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(async () =>
        {
            var match = (await MessagesAsync(user, channel)).Where(m => m.GetProperty("html").GetString()!.Contains(text, StringComparison.Ordinal)).ToList();
            found = match.LastOrDefault();
            return match.Count > 0;
        }, $"'{text}' appears in #{channel} for {user}");
        return found;
    }

    /// <summary>Waits for the incident channel to be created and returns its id.</summary>
    public async Task<string> WaitForChannelAsync(string user, string prefix)
    {
        string? id = null;
        await Eventually.TrueAsync(async () =>
        {
            id = (await ChannelsAsync(user)).Select(c => c.GetProperty("id").GetString()).FirstOrDefault(c => c!.StartsWith(prefix, StringComparison.Ordinal));
            return id is not null;
        }, $"a channel starting with {prefix} exists");
        return id!;
    }

    public Task<string> PageAsync(string path) => app.Client.GetStringAsync(new Uri(path, UriKind.Relative));
}
