using ChatOps.Chat.Commands;
using ChatOps.Maintenance.Parsing;

namespace ChatOps.Tests.Maintenance;

public sealed class StartTimeTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static StartSpec? Parse(string text, out string? problem, out string rest)
    {
        var words = new CommandText(text);
        var spec = StartTime.Parse(words, out problem);
        rest = words.Rest;
        return spec;
    }

    [Theory]
    [InlineData("2026-12-01T22:00+01:00 2h Upgrade", "2026-12-01T21:00:00Z")]
    [InlineData("2026-12-01T21:00Z 2h Upgrade", "2026-12-01T21:00:00Z")]
    [InlineData("2026-12-01 22:00 Europe/Berlin 2h Upgrade", "2026-12-01T21:00:00Z")]
    [InlineData("2026-07-01 22:00 Europe/Berlin 2h Upgrade", "2026-07-01T20:00:00Z")]
    [InlineData("2026-12-01T22:00 Europe/Berlin 2h Upgrade", "2026-12-01T21:00:00Z")]
    [InlineData("2026-12-01 22:00 +01:00 2h Upgrade", "2026-12-01T21:00:00Z")]
    [InlineData("2026-12-01 21:00 UTC 2h Upgrade", "2026-12-01T21:00:00Z")]
    [InlineData("2026-12-01 9:30 America/New_York 2h Upgrade", "2026-12-01T14:30:00Z")]
    public void Starts_with_an_offset_or_a_zone_are_instants(string text, string expectedUtc)
    {
        var spec = Assert.IsType<AbsoluteStart>(Parse(text, out var problem, out var rest));

        Assert.Null(problem);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), spec.At);
        Assert.Equal("2h Upgrade", rest);
    }

    [Fact]
    public void A_start_without_a_zone_is_the_users_local_time()
    {
        var spec = Assert.IsType<UserLocalStart>(Parse("2026-12-01 22:00 90m Kernel patching", out _, out var rest));

        Assert.Equal(new DateTime(2026, 12, 1, 22, 0, 0), spec.Local);
        Assert.Equal(DateTimeKind.Unspecified, spec.Local.Kind);
        Assert.Equal("90m Kernel patching", rest);
    }

    [Theory]
    [InlineData("tomorrow 2h x", "couldn't read the start 'tomorrow'")]
    [InlineData("2026-12-01 2h x", "give a time as HH:MM")]
    [InlineData("2026-13-01 22:00 2h x", "is not a valid date")]
    [InlineData("2026-12-01 22:00 Europe/Berln 2h x", "I don't know the time zone 'Europe/Berln'")]
    [InlineData("", "The start is missing")]
    public void Malformed_starts_get_a_specific_problem(string text, string expected)
    {
        Assert.Null(Parse(text, out var problem, out _));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_skipped_by_spring_forward_is_refused_with_the_gap_named()
    {
        Assert.Null(StartTime.Resolve(new DateTime(2026, 3, 29, 2, 30, 0), Berlin, out var problem));

        Assert.Contains("2026-03-29 02:30 does not exist in Europe/Berlin", problem, StringComparison.Ordinal);
        Assert.Contains("from 02:00 to 03:00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gap_in_New_York_is_named_in_its_own_local_times()
    {
        Assert.Null(StartTime.Resolve(new DateTime(2026, 3, 8, 2, 15, 0), NewYork, out var problem));

        Assert.Contains("from 02:00 to 03:00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_that_happens_twice_at_fall_back_is_the_first_occurrence_and_the_answer_says_so()
    {
        var start = StartTime.Resolve(new DateTime(2026, 10, 25, 2, 30, 0), Berlin, out var problem);

        Assert.Null(problem);
        Assert.NotNull(start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), start.At);
        Assert.Contains("happens twice", start.Note, StringComparison.Ordinal);
        Assert.Contains("2026-10-25T02:30+01:00", start.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_occurrence_rule_holds_west_of_Greenwich_too()
    {
        var start = StartTime.Resolve(new DateTime(2026, 11, 1, 1, 30, 0), NewYork, out _);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), start!.At);
        Assert.Contains("2026-11-01T01:30-05:00", start.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_beside_a_change_are_ordinary()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero), StartTime.Resolve(new DateTime(2026, 3, 29, 1, 59, 0), Berlin, out _)!.At);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), StartTime.Resolve(new DateTime(2026, 3, 29, 3, 0, 0), Berlin, out _)!.At);
        Assert.Null(StartTime.Resolve(new DateTime(2026, 10, 25, 3, 0, 0), Berlin, out _)!.Note);
    }

    [Theory]
    [InlineData("90m", 90)]
    [InlineData("4h", 240)]
    [InlineData("1h30m", 90)]
    [InlineData("1H30M", 90)]
    [InlineData("1d", 1440)]
    [InlineData("0m", 0)]
    public void Durations_read_as_people_type_them(string word, int minutes)
    {
        Assert.True(Durations.TryParse(word, out var duration, out _));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("-30m", "must be positive")]
    [InlineData("90", "couldn't read the duration '90'")]
    [InlineData("an hour", "couldn't read the duration")]
    [InlineData("", "duration is missing")]
    public void Malformed_durations_say_what_is_wrong(string word, string expected)
    {
        Assert.False(Durations.TryParse(word, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5 * 24 * 60, "5 days")]
    [InlineData(24 * 60, "1 day")]
    [InlineData(36 * 60, "1 day 12 hours")]
    [InlineData(90, "90 minutes")]
    [InlineData(120, "2 hours")]
    public void Spans_are_quoted_in_words(int minutes, string expected)
    {
        Assert.Equal(expected, Durations.Words(TimeSpan.FromMinutes(minutes)));
    }
}
