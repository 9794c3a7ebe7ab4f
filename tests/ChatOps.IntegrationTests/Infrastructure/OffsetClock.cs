namespace ChatOps.IntegrationTests.Infrastructure;

/// <summary>
/// Real time plus an offset the test can jump forward: timers keep running in real time, so the
/// app (and Quartz) behave normally, but "now" can be moved past a deadline without waiting.
/// </summary>
public sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves "now" to <paramref name="instant"/> (only forward).</summary>
    public void JumpTo(DateTimeOffset instant)
    {
        var by = instant - GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            Jump(by);
        }
    }
}
