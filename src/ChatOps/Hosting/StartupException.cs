namespace ChatOps;

/// <summary>A start-up problem an operator can fix: it names the configuration key and the reason.</summary>
public sealed class StartupException(string key, string reason, Exception? inner = null)
    : Exception($"{key}: {reason}", inner)
{
    public string Key { get; } = key;
}
