using System.Text.Json.Nodes;
using ChatOps.Chat;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Teams.Api;

/// <summary>Microsoft Graph at <c>Teams:GraphBaseUrl</c>: create a standard channel in a team, set its description.</summary>
public sealed class GraphClient(TeamsHttp http, TeamsTokens tokens, IOptions<TeamsOptions> options)
{
    /// <summary>Creates the channel; a taken name comes back as <see cref="NameTakenException"/>.</summary>
    public async Task<(string Id, string Name)> CreateChannelAsync(string tenantId, string teamId, string name, string description, CancellationToken ct)
    {
        var body = new JsonObject { ["displayName"] = name, ["description"] = description, ["membershipType"] = "standard" };
        JsonObject? answer;
        try
        {
            answer = await CallAsync(HttpMethod.Post, tenantId, $"teams/{Uri.EscapeDataString(teamId)}/channels", body, $"creating the channel {name}", ct);
        }
        catch (ChatPlatformException ex) when (TeamsRefusal.Of(ex) is { } refusal
            && (refusal.Status == 409 || string.Equals(refusal.Code, "NameAlreadyExists", StringComparison.OrdinalIgnoreCase)))
        {
            throw new NameTakenException(name);
        }

        var id = answer?["id"]?.GetValue<string>() ?? throw new ChatPlatformException("Graph created a channel but did not say its id", permanent: false);
        return (id, answer?["displayName"]?.GetValue<string>() ?? name);
    }

    public Task SetDescriptionAsync(string tenantId, string teamId, string channelId, string description, CancellationToken ct) =>
        CallAsync(HttpMethod.Patch, tenantId, $"teams/{Uri.EscapeDataString(teamId)}/channels/{Uri.EscapeDataString(channelId)}",
            new JsonObject { ["description"] = description }, $"the description of {channelId}", ct);

    private async Task<JsonObject?> CallAsync(HttpMethod method, string tenantId, string path, JsonObject body, string what, CancellationToken ct)
    {
        var configured = options.Value.GraphBaseUrl.AbsoluteUri;
        var baseUrl = new Uri(configured.EndsWith('/') ? configured : configured + "/");
        var token = await tokens.GraphAsync(tenantId, ct);
        return await http.SendAsync(method, new Uri(baseUrl, path), token, body, what, ct);
    }
}

public sealed class NameTakenException(string name) : Exception($"the channel name '{name}' is taken")
{
    public string Name { get; } = name;
}
