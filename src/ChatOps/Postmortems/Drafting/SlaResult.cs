namespace ChatOps.Postmortems.Drafting;

/// <summary>
/// This incident's downtime against a monthly availability target, for the calendar month
/// (UTC) in which it was declared. Other incidents of the month are not counted.
/// </summary>
public sealed record SlaResult(decimal Target, DateTimeOffset MonthStart, TimeSpan MonthLength, TimeSpan Allowed, TimeSpan Downtime, decimal Achieved)
{
    public bool Breached => Downtime > Allowed;

    public static SlaResult Of(DateTimeOffset declaredAt, TimeSpan downtime, decimal target)
    {
        var utc = declaredAt.UtcDateTime;
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var length = start.AddMonths(1) - start;
        var allowed = TimeSpan.FromTicks((long)(length.Ticks * (100m - target) / 100m));
        var achieved = 100m - (downtime.Ticks * 100m / length.Ticks);
        return new SlaResult(target, start, length, allowed, downtime, Math.Max(0m, achieved));
    }
}
