using ChatOps.Chat;

namespace ChatOps.Diagnostics.Commands;

/// <summary>The outbox row of an accepted /diag command: everything the background run needs.</summary>
public sealed record DiagRunPayload(
    long AuditId,
    DiagRequest Request,
    string Cluster,
    string Platform,
    string UserId,
    string? UserName,
    string ChannelId,
    ReplyTarget ReplyTo,
    long? Incident,
    bool CheckGroups);

public static class DiagKinds
{
    public const string Run = "diag.run";
}
