using System.Globalization;
using System.Text.Json;
using ChatOps.Chat;
using ChatOps.Chat.Messages;

namespace ChatOps.Platforms.Local;

/// <summary>
/// The playground side of <see cref="IChatPlatform"/>: instead of calling a chat service it writes
/// into its own tables, which the /playground page reads. Everything upstream (commands, outbox,
/// timeline) is the same code the real platforms use.
/// </summary>
public sealed class LocalPlatform(LocalChatStore store) : IChatPlatform
{
    public const string PlatformName = "local";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => PlatformName;

    public string? BroadcastChannel => LocalChatStore.Broadcast;

    public IReadOnlyList<string> DefaultResponders => [];

    /// <summary>What the playground hands commands as their form trigger: where to show a form, and to whom.</summary>
    public static string Trigger(string channelId, string userId) => $"{channelId}|{userId}";

    public async Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct)
    {
        var channel = await store.CreateChannelAsync(name, description, ct);
        return new ChatChannel(channel.Id, channel.Name);
    }

    /// <summary>Every playground user sees every public channel, so there is nobody to invite.</summary>
    public Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct) => Task.CompletedTask;

    public Task SetTopicAsync(string channelId, string topic, CancellationToken ct) => store.SetTopicAsync(channelId, topic, ct);

    public async Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct)
    {
        await RequireChannelAsync(channelId, ct);
        return Id(await store.InsertAsync(BotMessage(channelId, message, visibleTo: null), ct));
    }

    public async Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct)
    {
        if (!long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !await store.ReplaceBodyAsync(id, message.Fallback, JsonSerializer.Serialize(message, Json), ct))
        {
            throw new ChatPlatformException($"no message {messageId} in {channelId}", permanent: true);
        }
    }

    public Task PinAsync(string channelId, string messageId, CancellationToken ct) =>
        long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? store.PinAsync(id, ct) : Task.CompletedTask;

    public async Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct)
    {
        var channel = await store.EnsureDirectAsync(userId, ct);
        await store.InsertAsync(BotMessage(channel, message, visibleTo: null), ct);
    }

    public async Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(target.ChannelId) || await store.GetChannelAsync(target.ChannelId, ct) is null)
        {
            await SendDirectAsync(target.UserId, message, ct);
            return;
        }

        await store.InsertAsync(BotMessage(target.ChannelId, message, target.Ephemeral ? target.UserId : null), ct);
    }

    public async Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct)
    {
        await RequireChannelAsync(channelId, ct);
        var text = file.Comment ?? file.Title;
        await store.InsertAsync(new LocalMessage { ChannelId = channelId, Text = text, FileName = file.FileName, FileContent = file.Content }, ct);
    }

    public async Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct)
    {
        var parts = trigger.Split('|');
        if (parts.Length != 2)
        {
            throw new ChatPlatformException("the playground cannot tell where to show this form", permanent: true);
        }

        await store.InsertAsync(FormMessage(parts[0], parts[1], form), ct);
    }

    public Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct) => Task.FromResult(LocalUsers.Find(userId));

    public Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct) => Task.FromResult<IReadOnlyCollection<string>>([]);

    public string? ChannelUrl(string channelId) => $"/playground?channel={Uri.EscapeDataString(channelId)}";

    internal static LocalMessage BotMessage(string channelId, ChatMessage message, string? visibleTo) => new()
    {
        ChannelId = channelId,
        Text = message.Fallback,
        Body = JsonSerializer.Serialize(message, Json),
        VisibleTo = visibleTo,
    };

    internal static LocalMessage FormMessage(string channelId, string userId, ChatForm form) => new()
    {
        ChannelId = channelId,
        Text = form.Title,
        Form = JsonSerializer.Serialize(form, Json),
        VisibleTo = userId,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task RequireChannelAsync(string channelId, CancellationToken ct)
    {
        if (await store.GetChannelAsync(channelId, ct) is null)
        {
            throw new ChatPlatformException($"the playground has no channel '{channelId}'", permanent: true);
        }
    }
}
