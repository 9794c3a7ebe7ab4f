using System.Collections.Concurrent;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using Dapper;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// Many claimers (as many replicas with several dispatch slots would be) hammering one outbox:
/// a claim must never deadlock (PostgreSQL 40P01 was seen once under load), never hand a row to
/// two workers, and never let a queue's second row out while its head is in flight.
/// </summary>
public sealed class OutboxClaimContentionTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Eight_concurrent_claimers_deliver_every_row_once_in_queue_order_without_deadlock(StorageProvider provider)
    {
        var database = await TestStores.MigratedAsync(provider);
        var store = new OutboxStore(database, TimeProvider.System);
        const int rows = 1200;
        var queues = Enumerable.Range(0, 80).Select(i => $"slack:C{i:D3}").ToArray();
        await database.InTransactionAsync(async (c, tx) =>
        {
            for (var i = 0; i < rows; i++)
            {
                await store.EnqueueAsync(c, tx, new OutboxMessage(queues[i % queues.Length], "post", $"{{\"n\":{i}}}"), default);
            }

            return 0;
        }, default);

        var completions = new ConcurrentQueue<OutboxItem>();
        var inFlight = new ConcurrentDictionary<string, string>();
        var errors = new ConcurrentQueue<string>();
        async Task Work(string worker)
        {
            var random = new Random(worker.GetHashCode(StringComparison.Ordinal));
            for (var idle = 0; idle < 15;)
            {
                var claimed = await store.ClaimAsync(worker, 16, TimeSpan.FromMinutes(1), default);
                if (claimed.Count == 0)
                {
                    idle++;
                    await Task.Delay(5);
                    continue;
                }

                idle = 0;
                foreach (var item in claimed)
                {
                    if (!inFlight.TryAdd(item.QueueKey, worker))
                    {
                        errors.Enqueue($"{item.QueueKey} in flight twice");
                    }
                }

                // Complete in a shuffled order, as parallel deliveries finish in any order.
                foreach (var item in claimed.OrderBy(_ => random.Next()))
                {
                    completions.Enqueue(item);
                    inFlight.TryRemove(item.QueueKey, out _);
                    if (!await store.CompleteAsync(item.Id, worker, default))
                    {
                        errors.Enqueue($"row {item.Id} could not be completed by its claimer");
                    }
                }
            }
        }

        // Any PostgresException (40P01 deadlock included) fails the test from here.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Work($"w{i}"))));

        Assert.Empty(errors);
        var done = completions.ToList();
        Assert.Equal(rows, done.Count);
        Assert.Equal(rows, done.Select(d => d.Id).Distinct().Count());
        foreach (var queue in queues)
        {
            var ids = done.Where(d => d.QueueKey == queue).Select(d => d.Id).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    /// <summary>
    /// A claim that waits for a row lock held by another claimer can join a lock cycle; one that
    /// skips locked rows cannot. A row locked elsewhere is passed over, not waited for.
    /// </summary>
    [Fact]
    public async Task A_claim_on_postgres_skips_a_head_row_locked_by_another_transaction_instead_of_waiting()
    {
        var database = await TestStores.MigratedAsync(StorageProvider.Postgres);
        var store = new OutboxStore(database, TimeProvider.System);
        await database.InTransactionAsync(async (c, tx) =>
        {
            foreach (var queue in new[] { "slack:A", "slack:B", "slack:A", "slack:C" })
            {
                await store.EnqueueAsync(c, tx, new OutboxMessage(queue, "post", "{}"), default);
            }

            return 0;
        }, default);

        await using var holder = await database.OpenAsync(default);
        await using var tx = await holder.BeginTransactionAsync();
        var locked = await holder.ExecuteScalarAsync<long>("SELECT id FROM outbox WHERE queue_key = 'slack:A' ORDER BY id LIMIT 1 FOR UPDATE", transaction: tx);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var claimed = await store.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), patience.Token);

        Assert.Equal(["slack:B", "slack:C"], claimed.Select(c => c.QueueKey));
        Assert.DoesNotContain(claimed, c => c.Id == locked);
        await tx.RollbackAsync();
        var later = Assert.Single(await store.ClaimAsync("w2", 10, TimeSpan.FromMinutes(1), default));
        Assert.Equal(locked, later.Id);
    }
}
