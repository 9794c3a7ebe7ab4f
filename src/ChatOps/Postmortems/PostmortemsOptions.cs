namespace ChatOps.Postmortems;

/// <summary>Bound from <c>Postmortems</c>.</summary>
public sealed class PostmortemsOptions
{
    public const string Section = "Postmortems";

    /// <summary>Monthly availability target in percent; a draft's SLA section measures downtime against it.</summary>
    public decimal AvailabilityTarget { get; set; } = 99.95m;

    public IEnumerable<string> Validate()
    {
        if (AvailabilityTarget is <= 0m or >= 100m)
        {
            yield return "Postmortems:AvailabilityTarget must be a percentage above 0 and below 100, such as 99.95.";
        }
    }
}
