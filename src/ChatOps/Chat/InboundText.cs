namespace ChatOps.Chat;

/// <summary>Clean-up every platform applies to text where it enters the bot.</summary>
public static class InboundText
{
    /// <summary>
    /// Drops U+0000. PostgreSQL text cannot hold it (SQLite can) and no chat content means it, so
    /// it is removed where platform text enters: otherwise an event carrying one failed on
    /// PostgreSQL on every redelivery until the platform gave up, and a command failed.
    /// </summary>
    public static string? WithoutNul(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace("\0", string.Empty, StringComparison.Ordinal);
}
