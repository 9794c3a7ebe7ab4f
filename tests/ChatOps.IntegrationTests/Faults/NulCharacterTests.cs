using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// Found by the fault suite: PostgreSQL text cannot hold U+0000, so on PostgreSQL an event whose
/// text or ids carried one was answered 503 on every redelivery until Slack gave up, and a
/// command carrying one failed. Both engines now record the same thing, without the NUL.
/// </summary>
public sealed class NulCharacterTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Text_and_ids_carrying_NUL_are_recorded_without_it_on_both_engines(StorageProvider provider)
    {
        await using var slack = await SlackIncidentTests.StartSlackAsync();
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider, "nul"), SlackIncidentTests.Settings(slack));
        var requests = SlackIncidentTests.Requests();
        var channel = await FaultSlack.DeclareAsync(app.Client, slack, 1, "Nul bytes");

        using var message = await app.Client.SendAsync(requests.Event(SlackEvents.Message(channel, "disk\u0000 full", user: "U0TESTER01\u0000", ts: "1772445600.000200"), "EvNul\u00001"));
        using var redelivered = await app.Client.SendAsync(requests.Event(SlackEvents.Message(channel, "disk\u0000 full", user: "U0TESTER01\u0000", ts: "1772445600.000200"), "EvNul\u00001", retryNum: 1));
        using var note = await app.Client.SendAsync(requests.Command("/incident", "note #1 failover\u0000 done", channelId: FaultSlack.Origin));

        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Contains("Noted on the INC-1 timeline", await note.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var timeline = await app.Client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/incidents/1/timeline", UriKind.Relative));
        Assert.Single(timeline!, e => e.GetProperty("kind").GetString() == "Message" && e.GetProperty("text").GetString() == "disk full");
        Assert.Single(timeline!, e => e.GetProperty("kind").GetString() == "Note" && e.GetProperty("text").GetString() == "failover done");
    }
}
