using System.Text.Json;
using ChatOps.Chat;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>users.info and usergroups.users.list (read methods, form-encoded as Slack documents them).</summary>
public sealed class SlackUsersApi(SlackApi api)
{
    public async Task<ChatUser?> InfoAsync(string userId, CancellationToken ct)
    {
        var answer = await api.PostFormAsync("users.info", [new("user", userId)], $" for {userId}", ct);
        if (answer.Error is "user_not_found" or "user_not_visible")
        {
            return null;
        }

        var user = answer.Expect().GetProperty("user");
        var profile = user.TryGetProperty("profile", out var p) ? p : default;
        var name = First(String(profile, "display_name"), String(profile, "real_name"), String(user, "real_name"), String(user, "name")) ?? userId;
        return new ChatUser(String(user, "id") ?? userId, name, String(user, "tz"));
    }

    public async Task<IReadOnlyCollection<string>> GroupMembersAsync(string groupId, CancellationToken ct)
    {
        var users = (await api.PostFormAsync("usergroups.users.list", [new("usergroup", groupId)], $" for {groupId}", ct)).Expect().GetProperty("users");
        return [.. users.EnumerateArray().Select(u => u.GetString()).OfType<string>()];
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
