using ChatOps.Storage.Outbox;

namespace ChatOps.Tests.Storage;

public sealed class OutboxBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    public void Backoff_doubles_with_each_attempt_within_jitter(int attempt, double seconds)
    {
        var delay = OutboxDispatcher.Backoff(attempt, TimeSpan.FromMinutes(5));

        Assert.InRange(delay.TotalSeconds, seconds * 0.8, seconds * 1.2);
    }

    [Fact]
    public void Backoff_never_exceeds_the_ceiling_plus_jitter()
    {
        var delay = OutboxDispatcher.Backoff(40, TimeSpan.FromMinutes(5));

        Assert.InRange(delay.TotalSeconds, 240, 360);
    }
}
