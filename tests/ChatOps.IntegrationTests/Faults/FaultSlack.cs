using System.Net;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>The Slack workspace the fault tests use (the same as the /incident end-to-end tests).</summary>
internal static class FaultSlack
{
    public const string Broadcast = "C0BROADCST";
    public const string Origin = "C0OPSCHAN1";

    /// <summary>Declares an incident over a signed slash command and returns its new channel once announced.</summary>
    public static async Task<string> DeclareAsync(HttpClient client, FakeSlack slack, int number, string title)
    {
        using var declared = await client.SendAsync(SlackIncidentTests.Requests().Command("/incident", $"declare sev2 {title}", channelId: Origin));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var prefix = $"inc-{number}-";
        // The announcement follows the channel's creation being recorded, so events to it from then on reach the incident.
        await slack.WaitUntilAsync(
            () => slack.Channels.Any(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)) && slack.Messages(Broadcast).Count >= number,
            TimeSpan.FromSeconds(30), $"channel {prefix}* and its announcement");
        return slack.Channels.Single(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)).Id;
    }
}
