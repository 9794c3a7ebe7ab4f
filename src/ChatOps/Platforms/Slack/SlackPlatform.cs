using System.Text;
using ChatOps.Chat;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Slack.Api;
using ChatOps.Platforms.Slack.Rendering;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Slack;

/// <summary>
/// The Slack side of <see cref="IChatPlatform"/>: renders neutral messages to Block Kit and calls the
/// Web API. Decides no incident rule. Channel links use Slack's app_redirect URL, which opens the
/// channel in the reader's own workspace without knowing the team id.
/// </summary>
public sealed partial class SlackPlatform(
    SlackApi api,
    SlackChatApi chat,
    SlackConversationsApi conversations,
    SlackFilesApi files,
    SlackViewsApi views,
    SlackUsersApi users,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackPlatform> logger) : IChatPlatform
{
    public const string PlatformName = "slack";

    /// <summary>Slack accepts a response_url for 30 minutes after the interaction.</summary>
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);

    public string Name => PlatformName;

    public string? BroadcastChannel => string.IsNullOrWhiteSpace(options.Value.BroadcastChannel) ? null : options.Value.BroadcastChannel;

    public IReadOnlyList<string> DefaultResponders => [.. options.Value.Responders];

    public async Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct)
    {
        var channel = await conversations.CreateAsync(name, ct);
        if (!string.IsNullOrWhiteSpace(description))
        {
            try
            {
                await conversations.SetPurposeAsync(channel.Id, description, ct);
            }
            catch (ChatPlatformException ex)
            {
                // The channel exists; failing now would make a retry create a second one.
                LogPurposeFailed(logger, channel.Id, ex.Message);
            }
        }

        return channel;
    }

    public Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct) =>
        conversations.InviteAsync(channelId, userIds, ct);

    public Task SetTopicAsync(string channelId, string topic, CancellationToken ct) => conversations.SetTopicAsync(channelId, topic, ct);

    public async Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct)
    {
        var answer = await chat.PostMessageAsync(channelId, message, ct);
        if (answer.Error == "not_in_channel" && (await conversations.JoinAsync(channelId, ct)).Ok)
        {
            answer = await chat.PostMessageAsync(channelId, message, ct);
        }

        return answer.Expect().GetProperty("ts").GetString()!;
    }

    public Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct) =>
        chat.UpdateAsync(channelId, messageId, message, ct);

    public Task PinAsync(string channelId, string messageId, CancellationToken ct) => conversations.PinAsync(channelId, messageId, ct);

    public async Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct)
    {
        var dm = await conversations.OpenDirectAsync(userId, ct);
        (await chat.PostMessageAsync(dm, message, ct)).Expect();
    }

    /// <summary>
    /// Through the response_url while it is valid (it reaches the user wherever they ran the command),
    /// else as an ephemeral message in the channel, else as a direct message.
    /// </summary>
    public async Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct)
    {
        if (UsableResponseUrl(target) is { } url)
        {
            try
            {
                var body = SlackChatApi.ResponseBody(message, target.Ephemeral);
                body["replace_original"] = false;
                using var content = new StringContent(body.ToJsonString(SlackApi.Wire), Encoding.UTF8, "application/json");
                await api.PostRawAsync(url, content, "the response_url", ct);
                return;
            }
            catch (ChatPlatformException ex)
            {
                LogResponseUrlFailed(logger, target.ChannelId, ex.Message);
            }
        }

        if (string.IsNullOrEmpty(target.ChannelId))
        {
            await SendDirectAsync(target.UserId, message, ct);
            return;
        }

        if (!target.Ephemeral)
        {
            await PostAsync(target.ChannelId, message, ct);
            return;
        }

        var answer = await chat.PostEphemeralAsync(target.ChannelId, target.UserId, message, ct);
        if (answer.Error is "channel_not_found" or "user_not_in_channel" or "not_in_channel" or "is_archived")
        {
            await SendDirectAsync(target.UserId, message, ct);
            return;
        }

        answer.Expect();
    }

    public Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct) => files.UploadAsync(channelId, file, ct);

    public Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct) =>
        views.OpenAsync(trigger, SlackModalRenderer.Render(form, channelId: null), ct);

    public Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct) => users.InfoAsync(userId, ct);

    public Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct) => users.GroupMembersAsync(groupId, ct);

    public string? ChannelUrl(string channelId)
    {
        if (!SlackMrkdwn.IsChannelId(channelId))
        {
            return null;
        }

        var baseUrl = options.Value.ApiBaseUrl;
        return $"{baseUrl.Scheme}://{baseUrl.Authority}/app_redirect?channel={channelId}";
    }

    private Uri? UsableResponseUrl(ReplyTarget target)
    {
        if (target.IssuedAt is not { } issued || clock.GetUtcNow() - issued >= ResponseUrlLifetime
            || !Uri.TryCreate(target.Handle, UriKind.Absolute, out var url))
        {
            return null;
        }

        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) ? url : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the purpose of Slack channel {Channel}: {Error}")]
    private static partial void LogPurposeFailed(ILogger logger, string channel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The response_url for a reply in {Channel} failed, posting through the API instead: {Error}")]
    private static partial void LogResponseUrlFailed(ILogger logger, string channel, string error);
}
