using System.Text;
using ChatOps.Maintenance;
using ChatOps.Maintenance.Calendar;

namespace ChatOps.Tests.Maintenance;

public sealed class CalendarTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<MaintenanceWindow> Sample() =>
    [
        Windows.At(new DateTimeOffset(2026, 3, 9, 21, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2), "prod-eu, prod-us", id: 1) with
        {
            Title = "Upgrade prod clusters to Kubernetes 1.31", CreatedAt = Created, UpdatedAt = Created.AddHours(2), Revision = 3,
            RollbackPlan = "https://wiki.example.com/rollback/k8s-1.31", LastBackup = new DateOnly(2026, 3, 1), SequentialRollout = "yes",
        },
        Windows.PendingEmergency(new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(45), planner: "U-LEAD") with
        {
            Id = 2, Title = "Rotate ingress certificates", Status = WindowStatus.Scheduled, ApprovedBy = "U-OPS",
            ApprovedAt = Created.AddHours(1), Reason = "Certs expire at 02:00; renewal job failed\\retry broken, see INC-12",
            CreatedAt = Created, UpdatedAt = Created.AddHours(1), Revision = 2,
        },
        Windows.At(new DateTimeOffset(2026, 3, 12, 22, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(4), "etcd", id: 3) with
        {
            Title = "Größere Wartung: etcd-Defragmentierung und Zertifikatswechsel für alle Regionen 🚀",
            Status = WindowStatus.Cancelled, CancelledBy = "U-PLANNER", CancelledAt = Created.AddDays(1),
            CancelReason = "Postponed: backup not verified", CreatedAt = Created, UpdatedAt = Created.AddDays(1), Revision = 2,
        },
        Windows.PendingEmergency(new DateTimeOffset(2026, 3, 4, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)) with
        {
            Id = 4, Title = "Node pool swap", CreatedAt = Created.AddHours(3), UpdatedAt = Created.AddHours(3),
        },
    ];

    [Fact]
    public void The_feed_matches_the_golden_file()
    {
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Maintenance", "maintenance.golden.ics"));

        Assert.Equal(golden.ReplaceLineEndings("\r\n"), MaintenanceCalendar.Render(Sample()));
    }

    [Fact]
    public void Every_line_ends_with_crlf_and_no_line_is_longer_than_75_octets()
    {
        var ics = MaintenanceCalendar.Render(Sample());

        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", ics.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
    }

    [Fact]
    public void Cancelled_windows_stay_in_the_feed_marked_cancelled_with_their_uid_and_a_higher_sequence()
    {
        var ics = Unfold(MaintenanceCalendar.Render(Sample()));
        var cancelled = Event(ics, "UID:maint-3-");

        Assert.Contains("STATUS:CANCELLED", cancelled, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:2", cancelled, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20260312T220000Z\r\nDTEND:20260313T020000Z", cancelled, StringComparison.Ordinal);
        Assert.Contains("STATUS:TENTATIVE", Event(ics, "UID:maint-4-"), StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", Event(ics, "UID:maint-1-"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_uid_is_stable_across_changes()
    {
        var window = Sample()[0];
        var changed = window with { Revision = 9, EndsAt = window.EndsAt.AddHours(1), UpdatedAt = window.UpdatedAt.AddDays(1), Status = WindowStatus.Cancelled };

        Assert.Equal(MaintenanceCalendar.Uid(window), MaintenanceCalendar.Uid(changed));
    }

    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a;b,c", @"a\;b\,c")]
    [InlineData("line one\nline two\r\nline three", @"line one\nline two\nline three")]
    [InlineData("tab\there\u0007", "tab here")]
    [InlineData("plain: text", "plain: text")]
    public void Text_values_are_escaped(string value, string expected)
    {
        Assert.Equal(expected, ICalendarText.Escape(value));
    }

    [Theory]
    [InlineData(74)]
    [InlineData(73)]
    [InlineData(72)]
    public void Folding_never_splits_a_utf8_sequence_and_unfolds_to_the_original(int asciiPrefix)
    {
        // Multi-byte characters (2, 3 and 4 octets) placed to straddle the 75-octet boundary.
        var line = "DESCRIPTION:" + new string('x', asciiPrefix - 12) + "äöü€漢字🚀🚀" + new string('é', 80) + "end";
        var output = new StringBuilder();

        ICalendarText.AppendLine(output, line);

        var text = output.ToString();
        var physical = text[..^2].Split("\r\n");
        Assert.True(physical.Length > 2);
        Assert.All(physical, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, 75));
        Assert.All(physical.Skip(1), p => Assert.StartsWith(" ", p, StringComparison.Ordinal));
        // Strict UTF-8 both ways: a fold inside a sequence (or a surrogate pair) would throw here.
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var octets = strict.GetBytes(text);
        Assert.All(SplitOnCrlf(octets), segment => strict.GetString(segment));
        Assert.Equal(line, Unfold(text).TrimEnd('\r', '\n'));
    }

    [Fact]
    public void Folding_keeps_escapes_whole_and_leaves_no_space_at_a_line_end()
    {
        var output = new StringBuilder();
        var line = "DESCRIPTION:" + new string('x', 62) + @"\;" + " words and more words " + new string('y', 60) + " z";

        ICalendarText.AppendLine(output, line);

        var physical = output.ToString()[..^2].Split("\r\n");
        Assert.EndsWith("x", physical[0], StringComparison.Ordinal);
        Assert.StartsWith(@" \;", physical[1], StringComparison.Ordinal);
        Assert.All(physical, p => Assert.False(p.EndsWith(' '), $"line ends with a space: '{p}'"));
        Assert.Equal(line, Unfold(output.ToString()).TrimEnd('\r', '\n'));
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded()
    {
        var output = new StringBuilder();

        ICalendarText.AppendLine(output, new string('a', 75));

        Assert.Equal(new string('a', 75) + "\r\n", output.ToString());
    }

    private static IEnumerable<byte[]> SplitOnCrlf(byte[] octets)
    {
        var start = 0;
        for (var i = 0; i + 1 < octets.Length; i++)
        {
            if (octets[i] == '\r' && octets[i + 1] == '\n')
            {
                yield return octets[start..i];
                start = i + 2;
            }
        }
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);

    private static string Event(string ics, string uidPrefix)
    {
        var start = ics.IndexOf(uidPrefix, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no event {uidPrefix}");
        return ics[start..ics.IndexOf("END:VEVENT", start, StringComparison.Ordinal)];
    }
}
