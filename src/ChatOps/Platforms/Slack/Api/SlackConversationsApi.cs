using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>conversations.* plus the channel furniture (pins, bookmarks).</summary>
public sealed class SlackConversationsApi(SlackApi api)
{
    private const int MaxNameAttempts = 50;

    /// <summary>Creates a public channel; on name_taken tries name-2, name-3 ...</summary>
    public async Task<ChatChannel> CreateAsync(string name, CancellationToken ct)
    {
        var normalized = SlackChannelName.Normalize(name);
        for (var attempt = 1; attempt <= MaxNameAttempts; attempt++)
        {
            var candidate = SlackChannelName.Candidate(normalized, attempt);
            var answer = await api.PostJsonAsync("conversations.create", new JsonObject { ["name"] = candidate, ["is_private"] = false }, $" for #{candidate}", ct);
            if (answer.Error == "name_taken")
            {
                continue;
            }

            var channel = answer.Expect().GetProperty("channel");
            return new ChatChannel(channel.GetProperty("id").GetString()!, channel.TryGetProperty("name", out var n) ? n.GetString() ?? candidate : candidate);
        }

        throw new ChatPlatformException($"Slack refused conversations.create: every name from #{normalized} to #{SlackChannelName.Candidate(normalized, MaxNameAttempts)} is taken", permanent: true);
    }

    /// <summary>Invites in batches of 100; users already there (or the bot itself) are not failures.</summary>
    public async Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var failures = new List<string>();
        foreach (var batch in userIds.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.Ordinal).Chunk(SlackLimits.InviteBatch))
        {
            var body = new JsonObject { ["channel"] = channelId, ["users"] = string.Join(',', batch), ["force"] = true };
            var answer = await api.PostJsonAsync("conversations.invite", body, SlackApi.In(channelId), ct);
            if (answer.Ok || IsHarmless(answer.Error))
            {
                continue;
            }

            if (!answer.Body.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                answer.Expect();
            }

            foreach (var error in errors.EnumerateArray())
            {
                var code = SlackErrors.Code(error) ?? "unknown_error";
                if (!IsHarmless(code))
                {
                    var user = error.TryGetProperty("user", out var u) ? u.GetString() : "?";
                    failures.Add($"{user}: {SlackErrors.Describe(code)} ({code})");
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new ChatPlatformException($"Slack refused conversations.invite in {channelId} for {string.Join("; ", failures)}", permanent: true);
        }
    }

    /// <summary>Topic and purpose are plain text to Slack (no formatting, no mentions), so they are only shortened.</summary>
    public async Task SetTopicAsync(string channelId, string topic, CancellationToken ct) =>
        (await api.PostJsonAsync("conversations.setTopic", new JsonObject { ["channel"] = channelId, ["topic"] = PlainText.Truncate(topic, SlackLimits.Topic) }, SlackApi.In(channelId), ct)).Expect();

    public async Task SetPurposeAsync(string channelId, string purpose, CancellationToken ct) =>
        (await api.PostJsonAsync("conversations.setPurpose", new JsonObject { ["channel"] = channelId, ["purpose"] = PlainText.Truncate(purpose, SlackLimits.Topic) }, SlackApi.In(channelId), ct)).Expect();

    /// <summary>Joins a public channel (bots cannot join private ones; they must be invited).</summary>
    public Task<SlackAnswer> JoinAsync(string channelId, CancellationToken ct) =>
        api.PostJsonAsync("conversations.join", new JsonObject { ["channel"] = channelId }, SlackApi.In(channelId), ct);

    public async Task<JsonElement> InfoAsync(string channelId, CancellationToken ct) =>
        (await api.PostFormAsync("conversations.info", [new("channel", channelId)], SlackApi.In(channelId), ct)).Expect().GetProperty("channel");

    /// <summary>The id of the bot's direct-message conversation with a user.</summary>
    public async Task<string> OpenDirectAsync(string userId, CancellationToken ct) =>
        (await api.PostJsonAsync("conversations.open", new JsonObject { ["users"] = userId }, $" for {userId}", ct))
            .Expect().GetProperty("channel").GetProperty("id").GetString()!;

    public async Task PinAsync(string channelId, string ts, CancellationToken ct)
    {
        var answer = await api.PostJsonAsync("pins.add", new JsonObject { ["channel"] = channelId, ["timestamp"] = ts }, SlackApi.In(channelId), ct);
        if (answer.Error != "already_pinned")
        {
            answer.Expect();
        }
    }

    public async Task AddBookmarkAsync(string channelId, string title, string link, CancellationToken ct)
    {
        var url = SlackMrkdwn.SafeUrl(link) ?? throw new ChatPlatformException($"a bookmark needs an http(s) link, not '{link}'", permanent: true);
        var body = new JsonObject { ["channel_id"] = channelId, ["title"] = PlainText.Truncate(title, 256), ["type"] = "link", ["link"] = url };
        (await api.PostJsonAsync("bookmarks.add", body, SlackApi.In(channelId), ct)).Expect();
    }

    private static bool IsHarmless(string? code) => code is "already_in_channel" or "cant_invite_self";
}
