using System.Collections.Concurrent;
using ChatOps.Chat;
using ChatOps.Chat.Messages;

namespace ChatOps.Bench;

/// <summary>An in-memory chat platform ("bench") that answers at once and records when each post arrived.</summary>
internal sealed class BenchChatPlatform : IChatPlatform
{
    private long _next;

    public string Name => "bench";

    public string? BroadcastChannel => "C-BROADCAST";

    public IReadOnlyList<string> DefaultResponders => [];

    public ConcurrentQueue<(string Target, string Fallback, DateTimeOffset At)> Posts { get; } = new();

    public Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct) =>
        Task.FromResult(new ChatChannel($"C{Interlocked.Increment(ref _next)}", name));

    public Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct) => Task.CompletedTask;

    public Task SetTopicAsync(string channelId, string topic, CancellationToken ct) => Task.CompletedTask;

    public Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct)
    {
        Posts.Enqueue((channelId, message.Fallback, TimeProvider.System.GetUtcNow()));
        return Task.FromResult($"{Interlocked.Increment(ref _next)}.000100");
    }

    public Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct) => Task.CompletedTask;

    public Task PinAsync(string channelId, string messageId, CancellationToken ct) => Task.CompletedTask;

    public Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct)
    {
        Posts.Enqueue(($"dm:{userId}", message.Fallback, TimeProvider.System.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct) => Task.CompletedTask;

    public Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct) => Task.CompletedTask;

    public Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct) => Task.CompletedTask;

    public Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct) => Task.FromResult<ChatUser?>(new ChatUser(userId, userId, null));

    public Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct) => Task.FromResult<IReadOnlyCollection<string>>([]);

    public string? ChannelUrl(string channelId) => null;
}
