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
}
