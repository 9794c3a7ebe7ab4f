using ChatOps.Chat;
using ChatOps.Chat.Commands;
using ChatOps.Chat.Messages;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using static ChatOps.IntegrationTests.Maintenance.MaintenanceHarness;
using static ChatOps.IntegrationTests.Maintenance.NoticeTests;

namespace ChatOps.IntegrationTests.Maintenance;

/// <summary>A start in the user's own zone: looked up once outside the webhook, then cached.</summary>
public sealed class TimeZoneTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task A_start_without_a_zone_is_deferred_once_then_decided_at_once_from_the_cached_zone(StorageProvider provider)
    {
        ZoneCountingPlatform? port = null;
        await using var maint = await StartAsync(provider, new() { ["Maintenance:AnnouncementChannel"] = null },
            wrap: recording => port = new ZoneCountingPlatform(recording));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var local = TimeZoneInfo.ConvertTime(maint.Minute(TimeSpan.FromDays(8)), berlin).DateTime;
        var text = $"{local:yyyy-MM-dd HH:mm}";

        var first = await maint.ReplyAsync($"/maint schedule {text} 2h Upgrade prod-eu");

        Assert.Contains("looking yours up", first.Message.Fallback, StringComparison.Ordinal);
        var answer = await maint.WaitForAsync("Reply", c => c.Detail?.Contains("Scheduled: Upgrade prod-eu (MW-1)", StringComparison.Ordinal) == true);
        var expected = new DateTimeOffset(local, berlin.GetUtcOffset(local));
        Assert.Contains(new Time(expected), Inlines(answer.Message!));
        Assert.Contains("Read in your time zone, Europe/Berlin.", string.Join(" ", Inlines(answer.Message!).Select(i => i.ToPlainText())), StringComparison.Ordinal);
        // Without an announcement channel configured, the platform's broadcast channel is used.
        await maint.WaitForAsync("Post", c => c.Target == "C-BROADCAST" && c.Detail!.Contains("Maintenance scheduled", StringComparison.Ordinal));

        var second = await maint.ReplyAsync($"/maint schedule {local.AddHours(3):yyyy-MM-dd HH:mm} 1h Etcd defrag");

        Assert.Contains("Scheduled: Etcd defrag (MW-2)", second.Message.Fallback, StringComparison.Ordinal);
        Assert.Equal(1, port!.Lookups);
        await SettleAsync();
        Assert.Single(maint.Platform.CallsOf("Reply"));
    }

    [Fact]
    public async Task A_deferred_command_is_refused_by_reply_when_the_profile_has_no_zone_or_the_notice_is_short()
    {
        await using var maint = await StartAsync(StorageProvider.Sqlite, wrap: recording => new ZoneCountingPlatform(recording, zone: null));

        await maint.ReplyAsync($"/maint schedule {maint.Minute(TimeSpan.FromDays(8)):yyyy-MM-dd HH:mm} 2h Upgrade");
        var noZone = await maint.WaitForAsync("Reply", _ => true);

        Assert.Contains("couldn't find a time zone in your chat profile", noZone.Detail, StringComparison.Ordinal);
        Assert.Empty(maint.Platform.CallsOf("Post"));
    }

    /// <summary>The recording platform with a user zone of choice and a count of profile lookups.</summary>
    private sealed class ZoneCountingPlatform(RecordingChatPlatform inner, string? zone = "Europe/Berlin") : IChatPlatform
    {
        private int _lookups;

        public int Lookups => _lookups;

        public string Name => inner.Name;

        public string? BroadcastChannel => inner.BroadcastChannel;

        public IReadOnlyList<string> DefaultResponders => inner.DefaultResponders;

        public Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct)
        {
            Interlocked.Increment(ref _lookups);
            return Task.FromResult<ChatUser?>(new ChatUser(userId, $"user-{userId}", zone));
        }

        public Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct) => inner.CreateChannelAsync(name, description, ct);

        public Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct) => inner.InviteAsync(channelId, userIds, ct);

        public Task SetTopicAsync(string channelId, string topic, CancellationToken ct) => inner.SetTopicAsync(channelId, topic, ct);

        public Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct) => inner.PostAsync(channelId, message, ct);

        public Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct) => inner.UpdateAsync(channelId, messageId, message, ct);

        public Task PinAsync(string channelId, string messageId, CancellationToken ct) => inner.PinAsync(channelId, messageId, ct);

        public Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct) => inner.SendDirectAsync(userId, message, ct);

        public Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct) => inner.ReplyAsync(target, message, ct);

        public Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct) => inner.UploadFileAsync(channelId, file, ct);

        public Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct) => inner.OpenFormAsync(trigger, form, ct);

        public Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct) => inner.GetGroupMembersAsync(groupId, ct);

        public string? ChannelUrl(string channelId) => inner.ChannelUrl(channelId);
    }
}
