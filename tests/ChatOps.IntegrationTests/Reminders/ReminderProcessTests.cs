using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Slack.SlackIncidentTests;

namespace ChatOps.IntegrationTests.Reminders;

/// <summary>Acceptance 3: the bot is killed (SIGKILL) before a reminder is due and started again after it fell due.</summary>
public sealed class ReminderProcessTests
{
    private const int CadenceSeconds = 12;

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task A_reminder_that_fell_due_while_the_process_was_killed_arrives_once_after_restart(StorageProvider provider)
    {
        await using var slack = await StartSlackAsync();
        var settings = Settings(slack);
        foreach (var (key, value) in (await TestStores.CreateAsync(provider, "kill")).Settings())
        {
            settings[key] = value;
        }

        settings["Incidents:StatusCadence:Sev1"] = $"00:00:{CadenceSeconds:D2}";
        DateTimeOffset due;
        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(90));
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            using var ack = await client.SendAsync(Requests().Command("/incident", "declare sev1 Ledger writes failing", channelId: "C0OPSCHAN1"));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            var incident = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative));
            due = incident.GetProperty("incident").GetProperty("nextUpdateDue").GetDateTimeOffset();

            // Killed right after the acknowledgement: the channel may not even exist yet.
            first.Kill();
        }

        Assert.True(DateTimeOffset.UtcNow < due, $"the process was killed only at {DateTimeOffset.UtcNow:O}, after the reminder was due at {due:O}");
        Assert.DoesNotContain(slack.CallsTo("chat.postMessage"), c => c["text"]?.Contains("status update due", StringComparison.Ordinal) == true);
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        await using var second = AppProcess.Start(settings);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(90));
        // The channel the incident uses, as it recorded it: a kill between conversations.create and saving its id
        // leaves an orphan channel behind (create is not idempotent at Slack), and the restart opens inc-1-...-2.
        using var api = new HttpClient { BaseAddress = second.BaseAddress };
        string? channel = null;
        await Eventually.TrueAsync(async () =>
        {
            var incident = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative));
            channel = incident.GetProperty("incident").GetProperty("channelId").GetString();
            return channel is not null;
        }, "the incident channel", TimeSpan.FromSeconds(30));
        await slack.WaitUntilAsync(() => Reminders(slack, channel!).Count >= 1, TimeSpan.FromSeconds(20), "the reminder after restart");
        await Task.Delay(TimeSpan.FromSeconds(4)); // two more sweeps: a duplicate would show

        Assert.Single(Reminders(slack, channel!));
        Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Ok && c["text"]?.Contains("status update due", StringComparison.Ordinal) == true);
    }

    internal static IReadOnlyList<SlackCall> Reminders(FakeSlack slack, string channel) =>
        slack.CallsTo("chat.postMessage").Where(c => c.Ok && c["channel"] == channel && c["text"]?.Contains("status update due", StringComparison.Ordinal) == true).ToList();
}
