using ChatOps.Chat;

namespace ChatOps.Platforms.Local;

/// <summary>
/// The people of the playground. Fixed so that a first run needs no set-up; ids are short words
/// so commands read naturally ("/incident role ic @bob").
/// </summary>
public static class LocalUsers
{
    public static IReadOnlyList<ChatUser> All { get; } =
    [
        new("alice", "Alice (SRE)", "Europe/Berlin"),
        new("bob", "Bob (platform)", "America/New_York"),
        new("carol", "Carol (manager)", "Europe/London"),
        new("dave", "Dave (database)", "Asia/Kolkata"),
    ];

    public static ChatUser? Find(string? id) => All.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.Ordinal));

    public static string NameOf(string? id) => Find(id)?.DisplayName ?? id ?? "ChatOps";
}
