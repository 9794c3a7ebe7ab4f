namespace ChatOps.Maintenance;

/// <summary>Bound from <c>Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>Least notice a window needs unless it is an approved emergency.</summary>
    public TimeSpan MinimumNotice { get; set; } = TimeSpan.FromDays(5);

    public string? AnnouncementChannel { get; set; }

    /// <summary>User ids who may approve emergency windows (never their own).</summary>
    public IList<string> Approvers { get; } = [];

    public IEnumerable<string> Validate()
    {
        if (MinimumNotice < TimeSpan.Zero)
        {
            yield return "Maintenance:MinimumNotice must not be negative.";
        }
    }
}
