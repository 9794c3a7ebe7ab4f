using System.Text.Json.Nodes;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>views.open: always inline, since a trigger_id lives three seconds and can be used once.</summary>
public sealed class SlackViewsApi(SlackApi api)
{
    public async Task OpenAsync(string triggerId, JsonObject view, CancellationToken ct) =>
        (await api.PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, string.Empty, ct, inline: true)).Expect();
}
