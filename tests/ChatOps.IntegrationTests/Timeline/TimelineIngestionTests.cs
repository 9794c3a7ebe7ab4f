using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOps.Chat.Events;
using ChatOps.Incidents;
using ChatOps.IntegrationTests.Incidents;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Timeline;

namespace ChatOps.IntegrationTests.Timeline;

public sealed class TimelineIngestionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Forty_messages_with_ten_redeliveries_give_exactly_forty_entries(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev1 API latency");
        var sink = chat.App.Get<IChannelEventSink>();
        var events = Enumerable.Range(0, 40).Select(i => Posted(channel, i)).ToList();

        var outcomes = new List<IngestOutcome>();
        foreach (var e in events)
        {
            outcomes.Add(await sink.IngestAsync(e, default));
        }

        foreach (var e in events.Where((_, i) => i % 4 == 0))
        {
            outcomes.Add(await sink.IngestAsync(e, default));
        }

        var sameMessageNewEventId = await sink.IngestAsync(events[1] with { EventId = "Ev-other" }, default);

        var messages = (await chat.App.Get<TimelineStore>().ListAsync(1, default)).Where(e => e.Kind == TimelineKind.Message).ToList();
        Assert.Equal(40, messages.Count);
        Assert.Equal(40, outcomes.Count(o => o == IngestOutcome.Recorded));
        Assert.Equal(10, outcomes.Count(o => o == IngestOutcome.Duplicate));
        Assert.Equal(IngestOutcome.Duplicate, sameMessageNewEventId);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"message {i}"), messages.Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task An_edit_keeps_both_texts_a_deletion_is_marked_and_a_pin_marks_a_key_event(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev2 Kafka lag");
        var sink = chat.App.Get<IChannelEventSink>();
        await sink.IngestAsync(Posted(channel, 1), default);
        await sink.IngestAsync(Posted(channel, 2), default);

        await sink.IngestAsync(new MessageEdited("test", "Ev-edit", channel, T0.AddMinutes(5), Ts(1), "U-BOB", "message 1 (corrected)"), default);
        await sink.IngestAsync(new MessageDeleted("test", "Ev-del", channel, T0.AddMinutes(6), Ts(2), "U-BOB"), default);
        await sink.IngestAsync(new MessageMarkedKey("test", "Ev-pin", channel, T0.AddMinutes(7), Ts(1), "U-CAROL", "pin"), default);

        using var response = await chat.App.Client.GetAsync(new Uri("/api/incidents/1/timeline", UriKind.Relative));
        var entries = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Where(e => e.GetProperty("kind").GetString() == "Message").ToList();
        Assert.Equal("message 1", entries[0].GetProperty("text").GetString());
        Assert.Equal("message 1 (corrected)", entries[0].GetProperty("revisions")[0].GetProperty("text").GetString());
        Assert.True(entries[0].GetProperty("key").GetBoolean());
        Assert.Equal("message 2", entries[1].GetProperty("text").GetString());
        Assert.True(entries[1].GetProperty("deleted").GetBoolean());
        Assert.Equal("U-BOB", entries[1].GetProperty("deletedBy").GetString());
    }

    [Fact]
    public async Task Events_from_other_channels_are_acknowledged_and_ignored()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);
        await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev3 Minor");

        var outcome = await chat.App.Get<IChannelEventSink>().IngestAsync(Posted("C-GENERAL", 1), default);

        Assert.Equal(IngestOutcome.Ignored, outcome);
        Assert.DoesNotContain(await chat.App.Get<TimelineStore>().ListAsync(1, default), e => e.Kind == TimelineKind.Message);
    }

    [Fact]
    public async Task While_the_database_is_down_ingestion_fails_so_the_platform_retries_and_the_retry_is_recorded_once()
    {
        var storage = await TestStores.CreateAsync(StorageProvider.Postgres);
        var platform = new RecordingChatPlatform();
        await using var app = await TestApp.StartAsync(storage, services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ChatOps.Chat.IChatPlatform>(s, platform));
        var chat = app.Get<ChatOps.Chat.Commands.CommandDispatcher>();
        await chat.ExecuteLineAsync("/incident declare sev1 DB flapping", new("test", "U1", "C-OPS", new ChatOps.Chat.ReplyTarget("C-OPS", "U1"), DateTimeOffset.UtcNow), default);
        await Eventually.TrueAsync(async () => (await app.Get<IncidentStore>().GetAsync(1, default))?.ChannelId is not null, "channel created");
        var channel = (await app.Get<IncidentStore>().GetAsync(1, default))!.ChannelId!;
        var sink = app.Get<IChannelEventSink>();

        await TestPostgres.CutOffAsync(storage.ConnectionString);
        await Assert.ThrowsAnyAsync<Exception>(() => sink.IngestAsync(Posted(channel, 1), default));
        await TestPostgres.RestoreAsync(storage.ConnectionString);
        var retried = await RetryAsync(() => sink.IngestAsync(Posted(channel, 1), default));
        var again = await sink.IngestAsync(Posted(channel, 1), default);

        Assert.Equal(IngestOutcome.Recorded, retried);
        Assert.Equal(IngestOutcome.Duplicate, again);
        Assert.Single(await app.Get<TimelineStore>().ListAsync(1, default), e => e.Kind == TimelineKind.Message);
    }

    [Fact]
    public async Task The_api_answers_bad_and_unknown_numbers_with_4xx_and_a_reason()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);

        using var bad = await chat.App.Client.GetAsync(new Uri("/api/incidents/abc", UriKind.Relative));
        using var missing = await chat.App.Client.GetAsync(new Uri("/api/incidents/7/timeline", UriKind.Relative));
        using var list = await chat.App.Client.GetAsync(new Uri("/api/incidents", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not an incident number", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no INC-7", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
    }

    private static async Task<IngestOutcome> RetryAsync(Func<Task<IngestOutcome>> attempt)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (i < 20)
            {
                // The pool may hand out a connection the cut-off killed; the platform would retry too.
                await Task.Delay(100);
            }
        }
    }

    private static string Ts(int i) => $"1772445600.{i:D6}";

    private static MessagePosted Posted(string channel, int i) =>
        new("test", $"Ev{i:D4}", channel, T0.AddSeconds(i), Ts(i), "U-BOB", "bob", $"message {i}", null);
}
