using System.Globalization;
using System.Text.Json;
using ChatOps.Chat;

namespace ChatOps.Platforms.Teams.Inbound;

public sealed record TeamsAccount(string Id, string? Name, string? AadObjectId = null);

public sealed record TeamsMention(string Id, string? Name, string? Text);

/// <summary>The fields of a Bot Framework activity the bot uses (protocol digest §11), read leniently.</summary>
public sealed record TeamsActivity
{
    public required string Type { get; init; }

    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public required string ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public TeamsAccount? From { get; init; }

    public TeamsAccount? Recipient { get; init; }

    public required string ConversationId { get; init; }

    /// <summary>"personal", "groupChat" or "channel".</summary>
    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The Teams channel (19:...@thread.tacv2) of a channel conversation, without the thread suffix.</summary>
    public string? TeamsChannelId { get; init; }

    public string? TeamId { get; init; }

    public string? TeamName { get; init; }

    public string? TeamsChannelName { get; init; }

    public string? EventType { get; init; }

    public string? Text { get; init; }

    public string? ReplyToId { get; init; }

    public JsonElement? Value { get; init; }

    public IReadOnlyList<TeamsMention> Mentions { get; init; } = [];

    public IReadOnlyList<TeamsAccount> MembersAdded { get; init; } = [];

    public bool IsChannel => ConversationType == "channel" || TeamsChannelId is not null;

    public bool IsPersonal => ConversationType == "personal";

    public bool MentionsBot => Recipient is not null && Mentions.Any(m => m.Id == Recipient.Id);

    /// <summary>Null when the body lacks what every activity must have (type, serviceUrl, conversation).</summary>
    public static TeamsActivity? Parse(JsonElement a)
    {
        var type = Str(a, "type");
        var serviceUrl = Str(a, "serviceUrl");
        var conversation = Obj(a, "conversation");
        var conversationId = Str(conversation, "id");
        if (type is null || serviceUrl is null || conversationId is null)
        {
            return null;
        }

        var data = Obj(a, "channelData");
        var team = Obj(data, "team");
        var channel = Obj(data, "channel");
        var channelId = Str(channel, "id") ?? (Str(conversation, "conversationType") == "channel" ? conversationId.Split(';')[0] : null);
        return new TeamsActivity
        {
            Type = type,
            Id = Str(a, "id"),
            Timestamp = DateTimeOffset.TryParse(Str(a, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            ServiceUrl = serviceUrl,
            ChannelId = Str(a, "channelId"),
            From = Account(Obj(a, "from")),
            Recipient = Account(Obj(a, "recipient")),
            ConversationId = conversationId,
            ConversationType = Str(conversation, "conversationType"),
            TenantId = Str(Obj(data, "tenant"), "id") ?? Str(conversation, "tenantId"),
            TeamsChannelId = channelId,
            TeamId = Str(team, "aadGroupId") ?? Str(team, "id"),
            TeamName = Str(team, "name"),
            TeamsChannelName = Str(channel, "name"),
            EventType = Str(data, "eventType"),
            Text = Str(a, "text"),
            ReplyToId = Str(a, "replyToId"),
            Value = a.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object ? value.Clone() : null,
            Mentions = [.. Items(a, "entities")
                .Where(e => string.Equals(Str(e, "type"), "mention", StringComparison.OrdinalIgnoreCase))
                .Select(e => (Mentioned: Obj(e, "mentioned"), Text: Str(e, "text")))
                .Where(m => Str(m.Mentioned, "id") is not null)
                .Select(m => new TeamsMention(Str(m.Mentioned, "id")!, Str(m.Mentioned, "name"), m.Text))],
            MembersAdded = [.. Items(a, "membersAdded").Select(Account).OfType<TeamsAccount>()],
        };
    }

    /// <summary>A string property, without U+0000 (see <see cref="InboundText"/>).</summary>
    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? InboundText.WithoutNul(v.GetString()) : null;

    internal static JsonElement Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    private static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    private static TeamsAccount? Account(JsonElement e) =>
        Str(e, "id") is { } id ? new TeamsAccount(id, Str(e, "name"), Str(e, "aadObjectId")) : null;
}
