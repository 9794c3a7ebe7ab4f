using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>The fake workspace: what tests seed before a run and read afterwards.</summary>
public sealed partial class FakeSlack
{
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _directChannels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string? TimeZone)> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missingUsers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _takenNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _groups = new(StringComparer.Ordinal);
    private readonly List<FakeSlackEphemeral> _ephemerals = [];
    private readonly List<JsonObject> _views = [];
    private readonly Dictionary<string, FileState> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expiredResponseUrls = new(StringComparer.Ordinal);
    private int _nextId;
    private long _nextTs;

    /// <summary>Creates a channel (the bot is a member unless told otherwise) and returns its id.</summary>
    public string AddChannel(string name, string? id = null, bool isPrivate = false, bool botIsMember = true, params string[] members)
    {
        lock (_gate)
        {
            var channel = new ChannelState(id ?? NewId(isPrivate ? "G" : "C"), name, isPrivate);
            if (botIsMember)
            {
                channel.Members.Add(BotUserId);
            }

            channel.Members.UnionWith(members);
            _channels[channel.Id] = channel;
            return channel.Id;
        }
    }

    /// <summary>Any id shaped like a Slack user id exists (named after itself, UTC); add users to give them a name and time zone.</summary>
    public FakeSlack AddUser(string id, string name, string? timeZone = "Europe/Berlin")
    {
        lock (_gate)
        {
            _users[id] = (name, timeZone);
        }

        return this;
    }

    /// <summary>users.info and conversations.invite answer user_not_found for this id.</summary>
    public FakeSlack MarkUserMissing(string id)
    {
        lock (_gate)
        {
            _missingUsers.Add(id);
        }

        return this;
    }

    public FakeSlack AddUserGroup(string id, params string[] members)
    {
        lock (_gate)
        {
            _groups[id] = members;
        }

        return this;
    }

    /// <summary>conversations.create answers name_taken for these names (as if archived channels held them).</summary>
    public FakeSlack NameTaken(params string[] names)
    {
        lock (_gate)
        {
            _takenNames.UnionWith(names);
        }

        return this;
    }

    public FakeSlack Archive(string channelId)
    {
        lock (_gate)
        {
            _channels[channelId].IsArchived = true;
        }

        return this;
    }

    /// <summary>A response_url for a signed command or interaction; posts to it are recorded as "response_url" calls.</summary>
    public Uri NewResponseUrl() => new(BaseAddress, $"response/{Guid.NewGuid():N}");

    /// <summary>The response_url answers 404 expired_url from now on.</summary>
    public void ExpireResponseUrl(Uri url)
    {
        lock (_gate)
        {
            _expiredResponseUrls.Add(url.Segments[^1]);
        }
    }

    public FakeSlackChannel? Channel(string idOrName)
    {
        lock (_gate)
        {
            return (_channels.GetValueOrDefault(idOrName) ?? _channels.Values.FirstOrDefault(c => c.Name == idOrName))?.Snapshot();
        }
    }

    public IReadOnlyList<FakeSlackChannel> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels.Values.Where(c => !c.IsDirect).Select(c => c.Snapshot())];
            }
        }
    }

    /// <summary>Messages the bot posted successfully in a channel, oldest first, as currently shown (after chat.update).</summary>
    public IReadOnlyList<FakeSlackMessage> Messages(string channelId)
    {
        lock (_gate)
        {
            return _channels.TryGetValue(channelId, out var channel) ? [.. channel.Messages.Select(m => m.Snapshot(channelId))] : [];
        }
    }

    public IReadOnlyList<FakeSlackMessage> DirectMessages(string userId)
    {
        lock (_gate)
        {
            return _directChannels.TryGetValue(userId, out var dm) ? [.. _channels[dm].Messages.Select(m => m.Snapshot(dm))] : [];
        }
    }

    public IReadOnlyList<FakeSlackEphemeral> Ephemerals
    {
        get
        {
            lock (_gate)
            {
                return [.. _ephemerals];
            }
        }
    }

    /// <summary>The views opened with views.open (with "trigger_id" added), oldest first.</summary>
    public IReadOnlyList<JsonObject> OpenedViews
    {
        get
        {
            lock (_gate)
            {
                return [.. _views.Select(v => (JsonObject)v.DeepClone())];
            }
        }
    }

    public IReadOnlyList<FakeSlackFile> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files.Values.Select(f => new FakeSlackFile(f.Id, f.FileName, f.Length, f.Content, f.Title, f.Channel, f.Comment, f.Completed))];
            }
        }
    }

    private string NewId(string prefix) => prefix + "F" + (++_nextId).ToString("D8", CultureInfo.InvariantCulture);

    private string NewTs() =>
        $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{(++_nextTs % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)}";

    private sealed class ChannelState(string id, string name, bool isPrivate, bool isDirect = false)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public bool IsPrivate { get; } = isPrivate;

        public bool IsDirect { get; } = isDirect;

        public bool IsArchived { get; set; }

        public string Topic { get; set; } = string.Empty;

        public string Purpose { get; set; } = string.Empty;

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

        public List<MessageState> Messages { get; } = [];

        public List<string> Pins { get; } = [];

        public List<FakeSlackBookmark> Bookmarks { get; } = [];

        public FakeSlackChannel Snapshot() => new(Id, Name, IsPrivate, IsArchived, Topic, Purpose, [.. Members.Order()], [.. Pins], [.. Bookmarks]);
    }

    private sealed class MessageState(string ts, string user, string? text, JsonArray? blocks, string? threadTs)
    {
        public string Ts { get; } = ts;

        public string User { get; } = user;

        public string? Text { get; set; } = text;

        public JsonArray? Blocks { get; set; } = blocks;

        public string? ThreadTs { get; } = threadTs;

        public int Edits { get; set; }

        public List<string> FileIds { get; } = [];

        public FakeSlackMessage Snapshot(string channel) =>
            new(channel, Ts, User, Text, (JsonArray?)Blocks?.DeepClone(), ThreadTs, Edits, [.. FileIds]);
    }

    private sealed class FileState(string id, string fileName, int length)
    {
        public string Id { get; } = id;

        public string FileName { get; } = fileName;

        public int Length { get; } = length;

        public byte[]? Content { get; set; }

        public string? Title { get; set; }

        public string? Channel { get; set; }

        public string? Comment { get; set; }

        public bool Completed { get; set; }
    }
}

public sealed record FakeSlackChannel(
    string Id, string Name, bool IsPrivate, bool IsArchived, string Topic, string Purpose,
    IReadOnlyList<string> Members, IReadOnlyList<string> Pins, IReadOnlyList<FakeSlackBookmark> Bookmarks);

/// <summary>A message as Slack stores it; <see cref="Text"/> is the mrkdwn fallback exactly as sent (still escaped).</summary>
public sealed record FakeSlackMessage(string Channel, string Ts, string User, string? Text, JsonArray? Blocks, string? ThreadTs, int Edits, IReadOnlyList<string> FileIds);

public sealed record FakeSlackEphemeral(string Channel, string User, string? Text, JsonArray? Blocks);

public sealed record FakeSlackFile(string Id, string FileName, int DeclaredLength, byte[]? Content, string? Title, string? Channel, string? Comment, bool Completed)
{
    public string? Text => Content is null ? null : Encoding.UTF8.GetString(Content);
}

public sealed record FakeSlackBookmark(string Id, string Title, string Link);
