using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.IntegrationTests.Fakes.Slack;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Slack.SlackIncidentTests;

namespace ChatOps.IntegrationTests.Reminders;

/// <summary>Acceptance 1: a SEV1 with a 5-second cadence, over signed Slack webhooks and the fake Slack Web API, in real time.</summary>
public sealed class ReminderSlackTests
{
    private const string Broadcast = "C0BROADCST";
    private const string Escalation = "U0ESCAL001";
    private const string Comms = "U0COMMS001";

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task A_SEV1_gets_a_channel_reminder_mentioning_the_IC_within_seconds_then_an_overdue_notice_and_DMs_after_the_grace(StorageProvider provider)
    {
        await using var slack = await StartSlackAsync();
        var settings = Settings(slack);
        settings["Incidents:StatusCadence:Sev1"] = "00:00:05";
        settings["Incidents:Escalation:Sev1:0"] = Escalation;
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider, "remind"), settings);

        var channel = await DeclareAsync(app, slack, "declare sev1 Payments failing");
        await app.Client.SendAsync(Requests().Command("/incident", $"role comms <@{Comms}>", channelId: channel));
        var declaredAt = (await app.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative)))
            .GetProperty("incident").GetProperty("declaredAt").GetDateTimeOffset();

        var reminder = await slack.WaitForCallAsync("chat.postMessage", c => c["channel"] == channel && c["text"]!.Contains("status update due", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var overdue = await slack.WaitForCallAsync("chat.postMessage", c => c["channel"] == Broadcast && c["text"]!.Contains("update overdue", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await slack.WaitUntilAsync(() => slack.DirectMessages(Escalation).Count >= 1 && slack.DirectMessages(Comms).Count >= 1, TimeSpan.FromSeconds(10), "the escalation DMs");

        var due = declaredAt.AddSeconds(5);
        Assert.InRange(reminder.At, due, due.AddSeconds(5));
        Assert.Contains("<@U0TESTER01>", Blocks(reminder), StringComparison.Ordinal);
        Assert.Contains("Post update", Blocks(reminder), StringComparison.Ordinal);
        Assert.Contains("/incident snooze #1 10m", Blocks(reminder), StringComparison.Ordinal);
        Assert.True(overdue.At >= due.AddSeconds(2.5), $"overdue notice at {overdue.At:O}, before the grace ended at {due.AddSeconds(2.5):O}");
        Assert.Contains("update overdue", slack.DirectMessages(Escalation)[0].Text, StringComparison.Ordinal);

        var timeline = await app.Client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/incidents/1/timeline", UriKind.Relative));
        var kinds = timeline!.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Single(kinds, k => k == "Reminder");
        Assert.Contains("Escalation", kinds);
        Assert.Single(slack.Messages(channel), m => m.Text!.Contains("status update due", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reminders_buttons_open_the_status_form_and_snooze_for_10_minutes()
    {
        await using var slack = await StartSlackAsync();
        var settings = Settings(slack);
        settings["Incidents:StatusCadence:Sev2"] = "00:00:03";
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite, "remind"), settings);
        var channel = await DeclareAsync(app, slack, "declare sev2 Search degraded");
        var reminder = await slack.WaitForCallAsync("chat.postMessage", c => c["channel"] == channel && c["text"]!.Contains("status update due", StringComparison.Ordinal));
        var buttons = System.Text.Json.Nodes.JsonNode.Parse(Blocks(reminder))!.AsArray()
            .SelectMany(b => b!["elements"]?.AsArray() ?? []).Where(e => e!["type"]!.GetValue<string>() == "button")
            .ToDictionary(e => e!["text"]!["text"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());

        using var form = await app.Client.SendAsync(Requests().Interaction(SlackRequests.ButtonClick(buttons["Post update"], slack.NewResponseUrl(), "U0TESTER01", channel)));
        using var snooze = await app.Client.SendAsync(Requests().Interaction(SlackRequests.ButtonClick(buttons["Snooze 10m"], slack.NewResponseUrl(), "U0TESTER01", channel, "trigger-2")));

        Assert.Equal(System.Net.HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("INC-1 status update", Assert.Single(slack.OpenedViews).ToJsonString(), StringComparison.Ordinal);
        await slack.WaitForCallAsync("chat.postMessage", c => c["channel"] == channel && c["text"]!.Contains("reminders snoozed", StringComparison.Ordinal));
        var incident = (await app.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative))).GetProperty("incident");
        Assert.InRange(incident.GetProperty("nextUpdateDue").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(slack.Messages(channel), m => m.Text!.Contains("status update due", StringComparison.Ordinal));
    }

    internal static string Blocks(SlackCall call) =>
        call.Body["blocks"] is System.Text.Json.Nodes.JsonValue text
            ? text.ToString()
            : call.Body["blocks"]?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? string.Empty;
}
