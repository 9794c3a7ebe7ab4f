using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Reminders.ReminderHarness;

namespace ChatOps.IntegrationTests.Reminders;

/// <summary>Acceptance 2 and the rules end to end: updates, severity changes, snoozes, checkpoints and resolution, with a jumping clock.</summary>
public sealed class ReminderRulesEndToEndTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task A_status_update_silences_reminders_until_a_new_cadence_has_elapsed(StorageProvider provider)
    {
        await using var h = await StartAsync(provider);
        var channel = await h.DeclareAsync("sev2 Search latency");
        var declared = (await h.IncidentAsync())!.DeclaredAt;

        await h.JumpToAsync(declared.AddMinutes(25));
        Assert.IsType<Reply>(await h.RunAsync("/incident status #1 Rolled back the index change", channel: channel));
        var updatedAt = (await h.IncidentAsync())!.LastStatusAt!.Value;
        await h.JumpToAsync(declared.AddMinutes(40));
        await SettleAsync();

        Assert.Empty(h.Reminders(channel));
        Assert.Equal(updatedAt.AddMinutes(30), await ShownDueAsync(h));

        await h.JumpToAsync(updatedAt.AddMinutes(30).AddSeconds(1));
        var reminder = await h.WaitForPostAsync(channel, "status update due");
        await SettleAsync();

        Assert.Single(h.Reminders(channel));
        Assert.Contains(new Time(updatedAt.AddMinutes(30)), Inlines(reminder.Message!));
        Assert.Contains(new Mention(Commander), Inlines(reminder.Message!));
        Assert.Empty(h.Posts(h.Platform.BroadcastChannel!, "update overdue"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Severity_change_re_plans_what_users_see_and_when_the_reminder_fires_a_snooze_moves_both_resolve_stops(StorageProvider provider)
    {
        await using var h = await StartAsync(provider);
        var channel = await h.DeclareAsync("sev3 Slow builds");
        var declared = (await h.IncidentAsync())!.DeclaredAt;

        // 50 minutes into a SEV3 (60-minute cadence) it becomes a SEV1 (15 minutes): due 15 minutes
        // after the change, not 35 minutes overdue at once.
        await h.JumpToAsync(declared.AddMinutes(50));
        var raised = Assert.IsType<Reply>(await h.RunAsync("/incident sev #1 1", channel: channel));
        var changedAt = (await h.IncidentAsync())!.SeverityChangedAt!.Value;
        AssertSameInstant(changedAt.AddMinutes(15), raised.Message);
        Assert.Equal(changedAt.AddMinutes(15), await ShownDueAsync(h));
        var checkpoint = await h.WaitForPostAsync(channel, "checkpoint");
        await SettleAsync();
        Assert.Empty(h.Reminders(channel));
        Assert.Contains("Decide: keep repairing, or restore/rebuild.", checkpoint.Detail, StringComparison.Ordinal);

        await h.JumpToAsync(changedAt.AddMinutes(15).AddSeconds(1));
        await h.WaitForPostAsync(channel, "status update due");

        var snoozed = Assert.IsType<Reply>(await h.RunAsync("/incident snooze #1 10m", channel: channel));
        var until = (await h.IncidentAsync())!.SnoozedUntil!.Value;
        AssertSameInstant(until, snoozed.Message);
        Assert.Equal(until, await ShownDueAsync(h));
        await h.JumpToAsync(until.AddMinutes(-1));
        await SettleAsync();
        Assert.Single(h.Reminders(channel));
        await h.JumpToAsync(until.AddSeconds(1));
        await h.WaitForPostAsync(channel, "status update due", count: 2);

        // An update ends the snooze: the next one is due a cadence later, not when a long snooze would end.
        Assert.IsType<Reply>(await h.RunAsync("/incident snooze #1 1h", channel: channel));
        var updated = Assert.IsType<Reply>(await h.RunAsync("/incident status #1 Cache warming", channel: channel));
        var statusAt = (await h.IncidentAsync())!.LastStatusAt!.Value;
        AssertSameInstant(statusAt.AddMinutes(15), updated.Message);
        Assert.Equal(statusAt.AddMinutes(15), await ShownDueAsync(h));

        Assert.IsType<Reply>(await h.RunAsync("/incident resolve #1 Cache warmed", channel: channel));
        await h.JumpAsync(TimeSpan.FromHours(3));
        await SettleAsync();

        Assert.Equal(2, h.Reminders(channel).Count);
        Assert.Single(h.Posts(channel, "checkpoint"));
        Assert.Null(await ShownDueAsync(h));
        var kinds = (await h.App.Client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/incidents/1/timeline", UriKind.Relative)))!
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(4, kinds.Count(k => k == "Reminder")); // two reminders and two snoozes
        Assert.Single(kinds, k => k == "Checkpoint");
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Misses_escalate_once_per_notice_with_backoff_to_broadcast_contacts_and_the_comms_lead(StorageProvider provider)
    {
        await using var h = await StartAsync(provider, new() { ["Incidents:Escalation:Sev2:0"] = "U-DIRECTOR", ["Incidents:Reminders:Grace"] = "00:05:00" });
        var channel = await h.DeclareAsync("sev2 Queue backlog");
        Assert.IsType<Reply>(await h.RunAsync("/incident role comms <@U-COMMS>", channel: channel));
        var declared = (await h.IncidentAsync())!.DeclaredAt;
        var broadcast = h.Platform.BroadcastChannel!;

        await h.JumpToAsync(declared.AddMinutes(35).AddSeconds(1));
        await h.WaitForPostAsync(broadcast, "update overdue");
        await h.WaitForPostAsync("U-COMMS", "update overdue");
        // Let every post land before the clock jumps: a jump past an in-flight row's lease lets another worker take it again.
        await h.WaitForPostAsync("U-DIRECTOR", "update overdue");
        await h.JumpToAsync(declared.AddMinutes(64));
        await SettleAsync();
        Assert.Single(h.Posts(broadcast, "update overdue"));

        // Second notice one cadence (30 min) after the first, the third two cadences after that.
        await h.JumpToAsync(declared.AddMinutes(65).AddSeconds(1));
        await h.WaitForPostAsync(broadcast, "update overdue", count: 2);
        await h.WaitForPostAsync("U-COMMS", "update overdue", count: 2);
        await h.WaitForPostAsync("U-DIRECTOR", "update overdue", count: 2);
        await h.JumpToAsync(declared.AddMinutes(124));
        await SettleAsync();
        Assert.Equal(2, h.Posts(broadcast, "update overdue").Count);

        Assert.Equal(2, h.Posts("U-DIRECTOR", "update overdue").Count);
        Assert.Equal(2, h.Posts("U-COMMS", "update overdue").Count);
        Assert.Single(h.Reminders(channel));
    }

    /// <summary>The answer's time is computed before the write; PostgreSQL keeps microseconds, so compare to that.</summary>
    private static void AssertSameInstant(DateTimeOffset expected, ChatMessage message)
    {
        var shown = Assert.Single(message.Blocks.OfType<Section>().SelectMany(s => s.Text.Parts).OfType<Time>()).At;
        Assert.InRange(shown - expected, TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1));
    }

    private static async Task<DateTimeOffset?> ShownDueAsync(ReminderHarness h)
    {
        var incident = await h.App.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/incidents/1", UriKind.Relative));
        var due = incident.GetProperty("incident").GetProperty("nextUpdateDue");
        return due.ValueKind == JsonValueKind.Null ? null : due.GetDateTimeOffset();
    }
}
