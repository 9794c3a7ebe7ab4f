using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Chat.Messages;
using ChatOps.Platforms.Teams.Api;
using ChatOps.Platforms.Teams.Rendering;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Teams;

/// <summary>
/// The Teams side of <see cref="IChatPlatform"/>: Adaptive Cards through the Bot Connector, incident
/// channels through Graph. Decides no incident rule. Teams has no pins, ephemeral messages or
/// invitations to standard channels (they inherit the team's members), so those are no-ops or
/// become thread replies; a channel post starts a new thread whose root id is the message id.
/// </summary>
public sealed partial class TeamsPlatform(
    ConnectorClient connector,
    GraphClient graph,
    TeamsConversationStore conversations,
    IOptions<TeamsOptions> options,
    ILogger<TeamsPlatform> logger) : IChatPlatform
{
    public const string PlatformName = "teams";
    private const int MaxCreateAttempts = 20;

    public string Name => PlatformName;

    public string? BroadcastChannel => string.IsNullOrWhiteSpace(options.Value.BroadcastChannel) ? null : options.Value.BroadcastChannel;

    public IReadOnlyList<string> DefaultResponders => [];

    public async Task<ChatChannel> CreateChannelAsync(string name, string description, CancellationToken ct)
    {
        var teamId = options.Value.TeamId is { Length: > 0 } team
            ? team
            : throw new ChatPlatformException("Teams:TeamId is not set, so there is no team to create the incident channel in", permanent: true);
        var reference = await conversations.LatestAsync(teamId, ct);
        var tenant = await TenantAsync(reference, ct);
        for (var attempt = 1; attempt <= MaxCreateAttempts; attempt++)
        {
            var displayName = TeamsChannelName.For(name, attempt);
            try
            {
                var (id, created) = await graph.CreateChannelAsync(tenant, teamId, displayName, TeamsMarkdown.Shorten(description, 1024), ct);
                await conversations.SaveAsync(new TeamsConversation(id, TeamsConversationStore.Channel,
                    reference?.ServiceUrl ?? options.Value.ServiceUrl.AbsoluteUri, tenant, teamId, null, created), ct);
                return new ChatChannel(id, created);
            }
            catch (NameTakenException)
            {
                LogNameTaken(logger, displayName);
            }
        }

        throw new ChatPlatformException($"every channel name from '{name}' to '{TeamsChannelName.For(name, MaxCreateAttempts)}' is taken", permanent: true);
    }

    /// <summary>Standard channels inherit the team's membership: there is nobody to invite.</summary>
    public Task InviteAsync(string channelId, IReadOnlyCollection<string> userIds, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Teams channels have a description rather than a topic; only channels in the configured team can be changed.</summary>
    public async Task SetTopicAsync(string channelId, string topic, CancellationToken ct)
    {
        var reference = await conversations.FindAsync(channelId, ct);
        if (options.Value.TeamId is not { Length: > 0 } teamId || reference?.TeamId != teamId)
        {
            return;
        }

        await graph.SetDescriptionAsync(await TenantAsync(reference, ct), teamId, channelId, TeamsMarkdown.Shorten(topic, 1024), ct);
    }

    public async Task<string> PostAsync(string channelId, ChatMessage message, CancellationToken ct)
    {
        var reference = await conversations.FindAsync(channelId, ct);
        if (reference is { Kind: not TeamsConversationStore.Channel })
        {
            return await connector.SendAsync(reference.ServiceUrl, channelId, await ActivityAsync(message, reference.ServiceUrl, channelId, ct), ct);
        }

        var fallback = reference ?? await conversations.LatestAsync(options.Value.TeamId, ct);
        var serviceUrl = fallback?.ServiceUrl ?? options.Value.ServiceUrl.AbsoluteUri;
        return await connector.StartThreadAsync(serviceUrl, channelId, reference?.TenantId ?? Tenant(fallback),
            await ActivityAsync(message, serviceUrl, channelId, ct), ct);
    }

    public async Task UpdateAsync(string channelId, string messageId, ChatMessage message, CancellationToken ct)
    {
        var reference = await conversations.FindAsync(channelId, ct);
        var serviceUrl = reference?.ServiceUrl ?? (await conversations.LatestAsync(options.Value.TeamId, ct))?.ServiceUrl ?? options.Value.ServiceUrl.AbsoluteUri;
        var conversation = reference is { Kind: not TeamsConversationStore.Channel } ? channelId : $"{channelId};messageid={messageId}";
        await connector.UpdateAsync(serviceUrl, conversation, messageId, await ActivityAsync(message, serviceUrl, channelId, ct), ct);
    }

    /// <summary>Teams has no pins for bots; the summary stays the thread at the top of the channel's history.</summary>
    public Task PinAsync(string channelId, string messageId, CancellationToken ct) => Task.CompletedTask;

    public async Task SendDirectAsync(string userId, ChatMessage message, CancellationToken ct)
    {
        var personal = await conversations.FindPersonalAsync(userId, ct);
        if (personal is null)
        {
            var latest = await conversations.LatestAsync(options.Value.TeamId, ct);
            var serviceUrl = latest?.ServiceUrl ?? options.Value.ServiceUrl.AbsoluteUri;
            var tenant = Tenant(latest);
            var id = await connector.OpenPersonalAsync(serviceUrl, $"28:{options.Value.AppId}", userId, tenant, ct);
            personal = new TeamsConversation(id, TeamsConversationStore.Personal, serviceUrl, tenant, null, userId, null);
            await conversations.SaveAsync(personal, ct);
        }

        await connector.SendAsync(personal.ServiceUrl, personal.ConversationId, await ActivityAsync(message, personal.ServiceUrl, personal.ConversationId, ct), ct);
    }

    /// <summary>In the thread (or chat) of the activity that asked; Teams has no messages only one member of a channel sees.</summary>
    public async Task ReplyAsync(ReplyTarget target, ChatMessage message, CancellationToken ct)
    {
        if (TeamsReplyHandle.Parse(target.Handle) is { } handle)
        {
            await connector.ReplyAsync(handle.ServiceUrl, handle.ConversationId, handle.ActivityId,
                await ActivityAsync(message, handle.ServiceUrl, handle.ConversationId, ct), ct);
        }
        else if (!string.IsNullOrEmpty(target.ChannelId))
        {
            await PostAsync(target.ChannelId, message, ct);
        }
        else
        {
            await SendDirectAsync(target.UserId, message, ct);
        }
    }

    /// <summary>Bots cannot attach files to channel messages without SharePoint access; the content goes into the card instead.</summary>
    public async Task UploadFileAsync(string channelId, ChatFile file, CancellationToken ct)
    {
        List<Block> blocks = [new Header(file.Title)];
        if (!string.IsNullOrWhiteSpace(file.Comment))
        {
            blocks.Add(new Section(Rich.Text(file.Comment)));
        }

        blocks.Add(new Context([Rich.Of(new Plain("File "), new Code(file.FileName))]));
        blocks.Add(new Preformatted(file.Content));
        await PostAsync(channelId, new ChatMessage(file.Title, blocks), ct);
    }

    /// <summary>A form is a card answered in the thread of the activity behind <paramref name="trigger"/> (its reply handle).</summary>
    public async Task OpenFormAsync(string trigger, ChatForm form, CancellationToken ct)
    {
        var handle = TeamsReplyHandle.Parse(trigger)
            ?? throw new ChatPlatformException("a Teams form needs the activity it answers", permanent: true);
        var card = TeamsFormRenderer.Render(form);
        await connector.ReplyAsync(handle.ServiceUrl, handle.ConversationId, handle.ActivityId, TeamsCardRenderer.Activity(card, form.Title), ct);
    }

    /// <summary>From the names seen on activities, else the roster of the team's most recent conversation.</summary>
    public async Task<ChatUser?> GetUserAsync(string userId, CancellationToken ct)
    {
        var names = await conversations.NamesAsync([userId], ct);
        if (!names.TryGetValue(userId, out var name) && await conversations.LatestAsync(options.Value.TeamId, ct) is { } latest)
        {
            name = await LookUpAsync(latest.ServiceUrl, latest.ConversationId, userId, ct);
        }

        return name is null ? null : new ChatUser(userId, name, null);
    }

    public Task<IReadOnlyCollection<string>> GetGroupMembersAsync(string groupId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);

    public string? ChannelUrl(string channelId)
    {
        if (!channelId.StartsWith("19:", StringComparison.Ordinal) || options.Value.TeamId is not { Length: > 0 } teamId)
        {
            return null;
        }

        var url = $"https://teams.microsoft.com/l/channel/{Uri.EscapeDataString(channelId)}/incident?groupId={Uri.EscapeDataString(teamId)}";
        return options.Value.TenantId is { Length: > 0 } tenant ? $"{url}&tenantId={Uri.EscapeDataString(tenant)}" : url;
    }

    /// <summary>The card activity; people mentioned whose names are not known yet are looked up in the destination's roster.</summary>
    private async Task<JsonObject> ActivityAsync(ChatMessage message, string serviceUrl, string conversationId, CancellationToken ct)
    {
        var mentioned = message.Blocks.SelectMany(Inlines).OfType<Mention>().Select(m => m.UserId).Where(TeamsMarkdown.IsUserId).Distinct().ToList();
        var names = new Dictionary<string, string>(await conversations.NamesAsync(mentioned, ct), StringComparer.Ordinal);
        foreach (var unknown in mentioned.Where(id => !names.ContainsKey(id)))
        {
            if (await LookUpAsync(serviceUrl, conversationId, unknown, ct) is { } name)
            {
                names[unknown] = name;
            }
        }

        return TeamsCardRenderer.Activity(TeamsCardRenderer.Render(message, names, ChannelUrl), message.Fallback);
    }

    private async Task<string?> LookUpAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        var name = await connector.MemberNameAsync(serviceUrl, conversationId, userId, ct);
        if (name is not null)
        {
            await conversations.SaveUserAsync(userId, name, null, ct);
        }

        return name;
    }

    private static IEnumerable<Inline> Inlines(Block block) => block switch
    {
        Section s => s.Text.Parts.Concat((s.Fields ?? []).SelectMany(f => f.Value.Parts)),
        Context c => c.Elements.SelectMany(e => e.Parts),
        _ => [],
    };

    private string? Tenant(TeamsConversation? reference) =>
        options.Value.SingleTenant ? options.Value.TenantId : reference?.TenantId;

    private async Task<string> TenantAsync(TeamsConversation? reference, CancellationToken ct) =>
        Tenant(reference ?? await conversations.LatestAsync(null, ct))
        ?? throw new ChatPlatformException("the Teams tenant is unknown: set Teams:TenantId or install the app in the team first", permanent: true);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Teams channel name {Name} is taken; trying the next suffix")]
    private static partial void LogNameTaken(ILogger logger, string name);
}
