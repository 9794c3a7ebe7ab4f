using System.Net;
using System.Text.Json;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>Acceptance 4: /maintenance.ics lists a window with its start and end, and a cancelled one as cancelled.</summary>
public sealed class CalendarFeedTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task The_feed_lists_windows_in_utc_and_marks_a_cancelled_one_with_the_same_uid_and_a_higher_sequence(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 1h30m Upgrade prod-eu; then prod-us --scope prod-eu");

        using var first = await maint.App.Client.GetAsync(new Uri("/maintenance.ics", UriKind.Relative));
        var before = Unfold(await first.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", before, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{start:yyyyMMdd'T'HHmm}00Z\r\nDTEND:{start.AddMinutes(90):yyyyMMdd'T'HHmm}00Z\r\n", before, StringComparison.Ordinal);
        Assert.Contains(@"SUMMARY:Maintenance: Upgrade prod-eu\; then prod-us (MW-1)", before, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", before, StringComparison.Ordinal);
        var uid = Value(before, "UID");
        var sequence = int.Parse(Value(before, "SEQUENCE"), System.Globalization.CultureInfo.InvariantCulture);

        await maint.ReplyAsync("/maint checklist 1 rollback https://wiki.example.com/rollback");
        await maint.ReplyAsync("/maint cancel 1 Freeze before the sale");
        var after = Unfold(await maint.App.Client.GetStringAsync(new Uri("/maintenance.ics", UriKind.Relative)));

        Assert.Equal(uid, Value(after, "UID"));
        Assert.Equal(sequence + 2, int.Parse(Value(after, "SEQUENCE"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("STATUS:CANCELLED", after, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{start:yyyyMMdd'T'HHmm}00Z", after, StringComparison.Ordinal);
        Assert.Contains("Cancelled by U-PLANNER: Freeze before the sale", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task The_json_api_lists_windows_with_their_state_and_checklist(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(6));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu --scope prod-eu");
        var backup = await maint.ReplyAsync("/maint checklist 1 backup " + maint.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Checklist of MW-1 updated", backup.Message.Fallback, StringComparison.Ordinal);

        using var list = JsonDocument.Parse(await maint.App.Client.GetStringAsync(new Uri("/api/maintenance", UriKind.Relative)));
        var window = Assert.Single(list.RootElement.EnumerateArray().ToList());

        Assert.Equal("MW-1", window.GetProperty("label").GetString());
        Assert.Equal("upcoming", window.GetProperty("status").GetString());
        Assert.Equal(start, window.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(start.AddHours(2), window.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("prod-eu", window.GetProperty("scope").GetString());
        Assert.Equal(4, window.GetProperty("missingChecklist").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await maint.App.Client.GetAsync(new Uri("/api/maintenance/99", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await maint.App.Client.GetAsync(new Uri("/api/maintenance/abc", UriKind.Relative))).StatusCode);
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);

    private static string Value(string ics, string name)
    {
        var start = ics.IndexOf($"\r\n{name}:", StringComparison.Ordinal) + name.Length + 3;
        return ics[start..ics.IndexOf("\r\n", start, StringComparison.Ordinal)];
    }
}
