using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOps.Tests.Architecture;

namespace ChatOps.Tests.Teams;

/// <summary>infra/teams/manifest.json is what operators upload: one placeholder for the bot id, both scopes, the permissions the code relies on.</summary>
public sealed partial class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(BoundaryTests.RepositoryRoot(), "infra", "teams");
    private static readonly JsonElement Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json"))).RootElement;

    [Fact]
    public void The_bot_id_is_one_placeholder_used_for_the_app_the_bot_and_the_permission_grant()
    {
        var bot = Manifest.GetProperty("bots")[0];

        Assert.Equal("{{BOT_APP_ID}}", Manifest.GetProperty("id").GetString());
        Assert.Equal("{{BOT_APP_ID}}", bot.GetProperty("botId").GetString());
        Assert.Equal("{{BOT_APP_ID}}", Manifest.GetProperty("webApplicationInfo").GetProperty("id").GetString());
        Assert.Equal(["personal", "team"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
    }

    [Fact]
    public void Resource_specific_permissions_cover_reading_channel_messages_and_creating_channels()
    {
        var permissions = Manifest.GetProperty("authorization").GetProperty("permissions").GetProperty("resourceSpecific").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString(), Type: p.GetProperty("type").GetString())).ToList();

        // Timeline (channel messages without a mention), incident channels (Graph POST .../channels), channel description (PATCH).
        Assert.Contains(("ChannelMessage.Read.Group", "Application"), permissions);
        Assert.Contains(("Channel.Create.Group", "Application"), permissions);
        Assert.Contains(("ChannelSettings.ReadWrite.Group", "Application"), permissions);
    }

    [Fact]
    public void Commands_are_the_ones_the_Slack_manifest_declares_and_the_icons_exist()
    {
        var slack = File.ReadAllText(Path.Combine(BoundaryTests.RepositoryRoot(), "infra", "slack", "app-manifest.yaml"));
        var slackCommands = SlackCommand().Matches(slack).Select(m => m.Groups[1].Value).Order().ToList();
        var teamsCommands = Manifest.GetProperty("bots")[0].GetProperty("commandLists")[0].GetProperty("commands").EnumerateArray()
            .Select(c => c.GetProperty("title").GetString()!).Order().ToList();

        Assert.Equal(slackCommands, teamsCommands);
        Assert.True(File.Exists(Path.Combine(Folder, Manifest.GetProperty("icons").GetProperty("color").GetString()!)));
        Assert.True(File.Exists(Path.Combine(Folder, Manifest.GetProperty("icons").GetProperty("outline").GetString()!)));
    }

    [GeneratedRegex(@"- command: /(\w+)")]
    private static partial Regex SlackCommand();
}
