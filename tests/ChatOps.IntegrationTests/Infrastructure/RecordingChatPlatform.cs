using System.Collections.Concurrent;
using ChatOps.Chat;
using ChatOps.Chat.Messages;

namespace ChatOps.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process <see cref="IChatPlatform"/> ("test") that records every call, for tests of a
/// feature against the port. End-to-end tests use the Slack or Teams loopback fakes instead,
/// which speak the real wire format.
/// </summary>
public sealed class RecordingChatPlatform : IChatPlatform
{
    private int _next;

    public string Name => "test";

    public string? BroadcastChannel { get; init; } = "C-BROADCAST";

    public IReadOnlyList<string> DefaultResponders { get; init; } = [];

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>Makes every call take this long, like a slow platform API.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Set to make every call fail this way (transient or permanent).</summary>
    public ChatPlatformException? FailWith { get; set; }

    public IReadOnlyList<RecordedCall> CallsOf(string method) => Calls.Where(c => c.Method == method).ToList();

    public Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct) =>
        Record("CreateChannel", name, null, () => new ChatChannel($"C{Interlocked.Increment(ref _next):D4}", name));

    public Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct) =>
        Record("Invite", channelId, string.Join(",", userIds), () => 0);

    public Task SetTopicAsync(string channelId, string topic, CancellationToken ct) => Record("SetTopic", channelId, topic, () => 0);

    public Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct) =>
        Record("Post", channelId, message.Fallback, () => $"{Interlocked.Increment(ref _next)}.000100", message);

    public Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct) =>
        Record("Update", channelId, messageId, () => 0, message);

    public Task PinAsync(string channelId, string messageId, CancellationToken ct) => Record("Pin", channelId, messageId, () => 0);

    public Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct) =>
        Record("Direct", userId, message.Fallback, () => 0, message);

    public Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct) =>
        Record("Reply", target.ChannelId, message.Fallback, () => 0, message);

    public Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct) =>
        Record("Upload", channelId, file.FileName, () => 0);

    public Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct) => Record("OpenForm", trigger, form.Id, () => 0);

    public Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct) =>
        Task.FromResult<ChatUser?>(new ChatUser(userId, $"user-{userId}", "Europe/Berlin"));

    public Dictionary<string, string[]> Groups { get; } = [];

    public Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyCollection<string>>(Groups.TryGetValue(groupId, out var members) ? members : []);

    public string? ChannelUrl(string channelId) => $"https://chat.test/{channelId}";

    private async Task<T> Record<T>(string method, string target, string? detail, Func<T> result, ChatMessage? message = null)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }

        Calls.Enqueue(new RecordedCall(method, target, detail, message));
        return result();
    }
}

public sealed record RecordedCall(string Method, string Target, string? Detail, ChatMessage? Message);
