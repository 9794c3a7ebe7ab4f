using System.Collections.Concurrent;
using ChatOps.Incidents;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;

namespace ChatOps.IntegrationTests.Storage;

/// <summary>The same cases on SQLite and PostgreSQL: the product's SQL must mean the same on both.</summary>
public sealed class StorageContractTests
{
    private static readonly DateTimeOffset Declared = new(2026, 3, 2, 9, 15, 30, 123, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Incident_round_trips_with_every_field(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var store = new IncidentStore(database);

        var number = await database.InTransactionAsync((c, tx) => store.InsertAsync(c, tx, NewIncident("Checkout API 5xx errors"), default), default);
        var second = await database.InTransactionAsync((c, tx) => store.InsertAsync(c, tx, NewIncident("DNS"), default), default);
        var read = await store.GetAsync(number, default);

        Assert.Equal(number + 1, second);
        Assert.NotNull(read);
        Assert.Equal("Checkout API 5xx errors", read.Title);
        Assert.Equal(Severity.Sev1, read.Severity);
        Assert.Equal(IncidentStatus.Active, read.Status);
        Assert.Equal("slack", read.Platform);
        Assert.Equal("C-ORIGIN", read.OriginChannelId);
        Assert.Equal("U-IC", read.CommanderId);
        Assert.Equal(Declared, read.DeclaredAt);
        Assert.Equal(TimeSpan.Zero, read.DeclaredAt.Offset);
        Assert.Null(read.MitigatedAt);
        Assert.Equal(1, read.Version);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Timeline_keeps_one_entry_per_channel_message_and_lists_in_time_order(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var incidents = new IncidentStore(database);
        var timeline = new TimelineStore(database);
        var number = await database.InTransactionAsync((c, tx) => incidents.InsertAsync(c, tx, NewIncident("DB failover"), default), default);

        var later = Message(number, "1700000002.000200", Declared.AddMinutes(2), "second");
        var earlier = Message(number, "1700000001.000100", Declared.AddMinutes(1), "first");
        var firstId = await database.InTransactionAsync((c, tx) => timeline.AppendAsync(c, tx, later, default), default);
        await database.InTransactionAsync((c, tx) => timeline.AppendAsync(c, tx, earlier, default), default);
        var duplicate = await database.InTransactionAsync((c, tx) => timeline.AppendAsync(c, tx, later with { Text = "redelivered" }, default), default);

        var entries = await timeline.ListAsync(number, default);
        Assert.NotNull(firstId);
        Assert.Null(duplicate);
        Assert.Equal(["first", "second"], entries.Select(e => e.Text));
        Assert.All(entries, e => Assert.Equal(TimelineKind.Message, e.Kind));
        Assert.False(entries[0].IsKey);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Edits_add_revisions_and_deletions_mark_without_erasing(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var incidents = new IncidentStore(database);
        var timeline = new TimelineStore(database);
        var number = await database.InTransactionAsync((c, tx) => incidents.InsertAsync(c, tx, NewIncident("Disk full"), default), default);
        var id = (await database.InTransactionAsync((c, tx) => timeline.AppendAsync(c, tx, Message(number, "1.1", Declared, "origin"), default), default))!.Value;

        await database.InTransactionAsync(async (c, tx) =>
        {
            await timeline.AddRevisionAsync(c, tx, new TimelineRevision { EntryId = id, Text = "edited", EditedAt = Declared.AddMinutes(1), EditedBy = "U1" }, Declared.AddMinutes(1), default);
            await timeline.MarkKeyAsync(c, tx, id, default);
            return await timeline.MarkDeletedAsync(c, tx, id, Declared.AddMinutes(2), "U1", default);
        }, default);
        var again = await database.InTransactionAsync((c, tx) => timeline.MarkDeletedAsync(c, tx, id, Declared.AddMinutes(3), "U2", default), default);

        var entry = Assert.Single(await timeline.ListAsync(number, default));
        var revision = Assert.Single(await timeline.RevisionsAsync(number, default));
        Assert.Equal("origin", entry.Text);
        Assert.Equal("edited", revision.Text);
        Assert.True(entry.IsKey);
        Assert.Equal(Declared.AddMinutes(2), entry.DeletedAt);
        Assert.Equal(0, again);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task An_event_id_is_recorded_once(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var events = new InboundEventStore();

        var first = await database.InTransactionAsync((c, tx) => events.TryRecordAsync(c, tx, "slack", "Ev123", Declared, default), default);
        var retry = await database.InTransactionAsync((c, tx) => events.TryRecordAsync(c, tx, "slack", "Ev123", Declared, default), default);
        var otherPlatform = await database.InTransactionAsync((c, tx) => events.TryRecordAsync(c, tx, "teams", "Ev123", Declared, default), default);

        Assert.True(first);
        Assert.False(retry);
        Assert.True(otherPlatform);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Two_workers_claiming_together_complete_every_row_once_in_queue_order(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var store = new OutboxStore(database, TimeProvider.System);
        var queues = new[] { "slack:C1", "slack:C2", "slack:C3", "teams:T1" };
        await database.InTransactionAsync(async (c, tx) =>
        {
            for (var i = 0; i < 40; i++)
            {
                await store.EnqueueAsync(c, tx, new OutboxMessage(queues[i % queues.Length], "post", $"{{\"n\":{i}}}"), default);
            }

            return 0;
        }, default);

        var completions = new ConcurrentQueue<(string Worker, OutboxItem Item)>();
        var holding = new ConcurrentDictionary<string, string>();
        async Task Work(string worker)
        {
            for (var idle = 0; idle < 20;)
            {
                var claimed = await store.ClaimAsync(worker, 3, TimeSpan.FromMinutes(1), default);
                if (claimed.Count == 0)
                {
                    idle++;
                    await Task.Delay(10);
                    continue;
                }

                foreach (var item in claimed)
                {
                    Assert.True(holding.TryAdd(item.QueueKey, worker), $"queue {item.QueueKey} claimed by two workers at once");
                    completions.Enqueue((worker, item));
                    await Task.Delay(2);
                    holding.TryRemove(item.QueueKey, out _);
                    Assert.True(await store.CompleteAsync(item.Id, worker, default));
                }
            }
        }

        await Task.WhenAll(Work("a"), Work("b"));

        var done = completions.ToList();
        Assert.Equal(40, done.Count);
        Assert.Equal(40, done.Select(d => d.Item.Id).Distinct().Count());
        foreach (var queue in queues)
        {
            var ids = done.Where(d => d.Item.QueueKey == queue).Select(d => d.Item.Id).ToList();
            Assert.Equal(ids.Order(), ids);
        }

        Assert.Empty(await store.ClaimAsync("c", 10, TimeSpan.FromMinutes(1), default));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Outbox_dedupe_key_makes_enqueue_idempotent_and_a_claim_cannot_be_completed_by_another_worker(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var store = new OutboxStore(database, TimeProvider.System);
        var message = new OutboxMessage("slack:C1", "post", "{}", DedupeKey: "reminder:1:2026-03-02T09:30Z");

        var first = await database.InTransactionAsync((c, tx) => store.EnqueueAsync(c, tx, message, default), default);
        var second = await database.InTransactionAsync((c, tx) => store.EnqueueAsync(c, tx, message, default), default);
        var claimed = Assert.Single(await store.ClaimAsync("a", 5, TimeSpan.FromMinutes(1), default));

        Assert.True(first);
        Assert.False(second);
        Assert.False(await store.CompleteAsync(claimed.Id, "b", default));
        Assert.True(await store.CompleteAsync(claimed.Id, "a", default));
        Assert.False(await store.CompleteAsync(claimed.Id, "a", default));
    }

    private static Incident NewIncident(string title) => new()
    {
        Title = title,
        Severity = Severity.Sev1,
        Status = IncidentStatus.Active,
        Platform = "slack",
        OriginChannelId = "C-ORIGIN",
        CommanderId = "U-IC",
        DeclaredBy = "U-IC",
        DeclaredAt = Declared,
        LastStatusAt = Declared,
    };

    private static TimelineEntry Message(long incident, string ts, DateTimeOffset at, string text) => new()
    {
        IncidentNumber = incident,
        Kind = TimelineKind.Message,
        OccurredAt = at,
        RecordedAt = at,
        AuthorId = "U1",
        Text = text,
        SourceChannel = "C-INC",
        SourceMessageId = ts,
    };
}
