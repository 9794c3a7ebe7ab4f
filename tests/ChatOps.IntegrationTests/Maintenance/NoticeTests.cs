using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>Acceptance 1: short notice is refused with the rule and the earliest start; enough notice is scheduled and announced.</summary>
public sealed class NoticeTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Three_days_out_is_refused_with_the_five_day_rule_and_six_days_out_is_announced(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);

        var refused = await maint.ReplyAsync($"/maint schedule {Iso(maint.Minute(TimeSpan.FromDays(3)))} 2h Upgrade prod-eu to 1.31 --scope prod-eu");

        Assert.True(refused.IsError);
        Assert.Contains("at least 5 days ahead", refused.Message.Fallback, StringComparison.Ordinal);
        var earliest = Assert.Single(Inlines(refused.Message).OfType<Time>());
        Assert.InRange(earliest.At - maint.Now, TimeSpan.FromDays(5), TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        Assert.Contains($"earliest allowed start is {earliest.ToPlainText()}", refused.Message.Fallback, StringComparison.Ordinal);

        var start = maint.Minute(TimeSpan.FromDays(6));
        var accepted = await maint.ReplyAsync($"/maint schedule {Iso(start)} 2h Upgrade prod-eu to 1.31 --scope prod-eu");

        Assert.False(accepted.IsError, accepted.Message.Fallback);
        Assert.Contains("Scheduled: Upgrade prod-eu to 1.31 (MW-1)", accepted.Message.Fallback, StringComparison.Ordinal);
        var post = await maint.WaitForPostAsync("Maintenance scheduled: Upgrade prod-eu to 1.31 (MW-1)");
        Assert.Contains(new Time(start), Inlines(post.Message!));
        Assert.Contains(new Mention("U-PLANNER"), Inlines(post.Message!));
        Assert.Contains("Pre-flight checklist missing", string.Join(" ", Inlines(post.Message!).Select(i => i.ToPlainText())), StringComparison.Ordinal);
        await SettleAsync();
        Assert.Single(maint.Posts("Maintenance scheduled"));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task An_overlap_in_the_same_scope_is_refused_naming_the_other_window(StorageProvider provider)
    {
        await using var maint = await StartAsync(provider);
        var start = maint.Minute(TimeSpan.FromDays(7));
        await maint.ReplyAsync($"/maint schedule {Iso(start)} 3h Kernel patching --scope prod-eu, prod-us");

        var clash = await maint.ReplyAsync($"/maint schedule {Iso(start.AddHours(2))} 2h Etcd defrag --scope PROD-US");
        var elsewhere = await maint.ReplyAsync($"/maint schedule {Iso(start.AddHours(2))} 2h Etcd defrag --scope staging");
        var after = await maint.ReplyAsync($"/maint schedule {Iso(start.AddHours(3))} 2h Etcd defrag --scope prod-us");

        Assert.True(clash.IsError);
        Assert.Contains("It overlaps MW-1 \"Kernel patching\"", clash.Message.Fallback, StringComparison.Ordinal);
        Assert.False(elsewhere.IsError, elsewhere.Message.Fallback);
        Assert.False(after.IsError, after.Message.Fallback);
    }

    [Fact]
    public async Task Bad_windows_get_a_specific_answer_with_the_usage()
    {
        await using var maint = await StartAsync(StorageProvider.Sqlite);
        (string Line, string Expected)[] cases =
        [
            ("/maint schedule 2030-12-01T21:00Z 0m Nothing", "must last longer than zero"),
            ("/maint schedule 2030-12-01T21:00Z -1h Nothing", "must be positive"),
            ("/maint schedule 2020-01-01T21:00Z 1h Too late", "is in the past"),
            ("/maint schedule 2030-01-01T21:00Z 25h Too long", "at most 24h"),
            ("/maint schedule 2030-03-31 02:30 Europe/Berlin 1h Gap", "2030-03-31 02:30 does not exist in Europe/Berlin"),
            ("/maint schedule 2030-01-01 21:00 Mars/Olympus 1h Far", "I don't know the time zone 'Mars/Olympus'"),
            ("/maint schedule next-week 1h Vague", "couldn't read the start 'next-week'"),
            ("/maint schedule 2030-01-01T21:00Z 1h", "The title is missing"),
        ];

        foreach (var (line, expected) in cases)
        {
            var reply = await maint.ReplyAsync(line);

            Assert.True(reply.IsError, line);
            Assert.Contains(expected, reply.Message.Fallback, StringComparison.Ordinal);
            Assert.Contains("Usage: /maint schedule <start> <duration> <title>", reply.Message.Fallback, StringComparison.Ordinal);
        }

        var ambiguous = await maint.ReplyAsync("/maint schedule 2030-10-27 02:30 Europe/Berlin 1h Fall back");
        Assert.False(ambiguous.IsError, ambiguous.Message.Fallback);
        Assert.Contains(new Time(new DateTimeOffset(2030, 10, 27, 0, 30, 0, TimeSpan.Zero)), Inlines(ambiguous.Message));
        Assert.Contains("happens twice", string.Join(" ", Inlines(ambiguous.Message).Select(i => i.ToPlainText())), StringComparison.Ordinal);
        Assert.DoesNotContain(maint.Platform.CallsOf("Post"), p => p.Detail!.Contains("Nothing", StringComparison.Ordinal));
    }

    internal static IEnumerable<Inline> Inlines(ChatMessage message) => message.Blocks.SelectMany(b => b switch
    {
        Section s => s.Text.Parts.Concat((s.Fields ?? []).SelectMany(f => f.Value.Parts)),
        Context c => c.Elements.SelectMany(e => e.Parts),
        _ => [],
    });
}
