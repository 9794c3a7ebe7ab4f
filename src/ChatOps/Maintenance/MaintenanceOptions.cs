namespace ChatOps.Maintenance;

/// <summary>Bound from <c>Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>Least notice a window needs unless it is an approved emergency.</summary>
    public TimeSpan MinimumNotice { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Longest window that may be scheduled (an overrun may still be extended past it).</summary>
    public TimeSpan MaximumDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Channel id for announcements; empty means the platform's broadcast channel.</summary>
    public string? AnnouncementChannel { get; set; }

    /// <summary>User ids who may approve emergency windows (never their own).</summary>
    public IList<string> Approvers { get; } = [];

    /// <summary>How long a user's time zone learned from the chat platform is trusted before it is looked up again.</summary>
    public TimeSpan TimeZoneCacheDuration { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<string> Validate()
    {
        if (MinimumNotice < TimeSpan.Zero)
        {
            yield return "Maintenance:MinimumNotice must not be negative.";
        }

        if (MaximumDuration <= TimeSpan.Zero)
        {
            yield return "Maintenance:MaximumDuration must be longer than zero.";
        }

        if (TimeZoneCacheDuration < TimeSpan.Zero)
        {
            yield return "Maintenance:TimeZoneCacheDuration must not be negative.";
        }
    }
}
