namespace ChatOps.Chat;

/// <summary>The configured platforms by name. An incident lives on the platform where it was declared.</summary>
public sealed class ChatPlatforms(IEnumerable<IChatPlatform> platforms)
{
    private readonly Dictionary<string, IChatPlatform> _byName = platforms.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IChatPlatform> All => _byName.Values;

    public IChatPlatform Get(string name) =>
        _byName.TryGetValue(name, out var platform)
            ? platform
            : throw new ChatPlatformException($"the chat platform '{name}' is not configured", permanent: true);

    public bool TryGet(string name, out IChatPlatform platform) => _byName.TryGetValue(name, out platform!);

    /// <summary>
    /// Where stakeholders follow news: every configured platform's broadcast channel, the home
    /// platform first. Managers follow on the platform they use, whichever one an incident or a
    /// window started on. <paramref name="homeChannel"/> overrides the home platform's channel.
    /// </summary>
    public IReadOnlyList<BroadcastTarget> BroadcastTargets(string home, string? homeChannel = null)
    {
        var targets = new List<BroadcastTarget>();
        if ((homeChannel ?? (TryGet(home, out var own) ? own.BroadcastChannel : null)) is { Length: > 0 } first)
        {
            targets.Add(new BroadcastTarget(home, first, IsHome: true));
        }

        foreach (var platform in _byName.Values.Where(p => p.Name != home).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (platform.BroadcastChannel is { Length: > 0 } channel)
            {
                targets.Add(new BroadcastTarget(platform.Name, channel, IsHome: false));
            }
        }

        return targets;
    }
}

/// <summary>A broadcast destination. Dedupe keys for other platforms get the platform's name appended, so each posts once.</summary>
public sealed record BroadcastTarget(string Platform, string Channel, bool IsHome)
{
    public string? Key(string? dedupeKey) => dedupeKey is null || IsHome ? dedupeKey : $"{dedupeKey}:{Platform}";
}
