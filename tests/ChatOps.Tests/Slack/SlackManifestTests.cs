using System.Text.RegularExpressions;
using ChatOps.Platforms.Slack;
using ChatOps.Tests.Architecture;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatOps.Tests.Slack;

/// <summary>infra/slack/app-manifest.yaml is what operators install: it must match the endpoints, commands and API calls in the code.</summary>
public sealed partial class SlackManifestTests
{
    /// <summary>The bot scope each Web API method and event subscription needs (docs.slack.dev method and event pages).</summary>
    private static readonly Dictionary<string, string?> ScopeFor = new(StringComparer.Ordinal)
    {
        ["chat.postMessage"] = "chat:write",
        ["chat.update"] = "chat:write",
        ["chat.postEphemeral"] = "chat:write",
        ["conversations.create"] = "channels:manage",
        ["conversations.invite"] = "channels:manage",
        ["conversations.setTopic"] = "channels:manage",
        ["conversations.setPurpose"] = "channels:manage",
        ["conversations.join"] = "channels:join",
        ["conversations.info"] = "channels:read",
        ["conversations.open"] = "im:write",
        ["pins.add"] = "pins:write",
        ["bookmarks.add"] = "bookmarks:write",
        ["users.info"] = "users:read",
        ["usergroups.users.list"] = "usergroups:read",
        ["files.getUploadURLExternal"] = "files:write",
        ["files.completeUploadExternal"] = "files:write",
        ["views.open"] = null,
        ["message.channels"] = "channels:history",
        ["message.groups"] = "groups:history",
        ["pin_added"] = "pins:read",
        ["reaction_added"] = "reactions:read",
        ["app_mention"] = "app_mentions:read",
    };

    private static readonly Manifest App = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build()
        .Deserialize<Manifest>(File.ReadAllText(Path.Combine(BoundaryTests.RepositoryRoot(), "infra", "slack", "app-manifest.yaml")));

    [Fact]
    public void Request_urls_are_exactly_the_mapped_endpoints_on_the_placeholder_host()
    {
        var urls = App.Features.SlashCommands.Select(c => c.Url)
            .Append(App.Settings.EventSubscriptions.RequestUrl)
            .Append(App.Settings.Interactivity.RequestUrl)
            .Select(u => new Uri(u))
            .ToList();

        Assert.All(urls, u => Assert.Equal("https://chatops.example.com", u.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(SlackSetup.Paths.Order(), urls.Select(u => u.AbsolutePath).Distinct().Order());
        Assert.Equal(SlackSetup.EventsPath, new Uri(App.Settings.EventSubscriptions.RequestUrl).AbsolutePath);
        Assert.Equal(SlackSetup.InteractionsPath, new Uri(App.Settings.Interactivity.RequestUrl).AbsolutePath);
        Assert.All(App.Features.SlashCommands, c => Assert.Equal(SlackSetup.CommandsPath, new Uri(c.Url).AbsolutePath));
        Assert.True(App.Settings.Interactivity.IsEnabled);
    }

    [Fact]
    public void The_commands_are_incident_diag_and_maint_with_escaping_and_usage_hints()
    {
        Assert.Equal(["/diag", "/incident", "/maint"], App.Features.SlashCommands.Select(c => c.Command).Order());
        Assert.All(App.Features.SlashCommands, c =>
        {
            Assert.True(c.ShouldEscape, $"{c.Command} must escape mentions so they arrive as <@U...>");
            Assert.False(string.IsNullOrWhiteSpace(c.UsageHint));
            Assert.InRange(c.UsageHint.Length, 1, 1000);
        });
    }

    [Fact]
    public void Bot_events_are_the_timeline_sources()
    {
        Assert.Equal(["app_mention", "message.channels", "message.groups", "pin_added", "reaction_added"], App.Settings.EventSubscriptions.BotEvents.Order());
    }

    [Fact]
    public void Every_api_method_the_client_calls_and_every_event_has_its_scope_and_no_scope_is_unused()
    {
        var called = Directory.EnumerateFiles(Path.Combine(BoundaryTests.RepositoryRoot(), "src", "ChatOps", "Platforms", "Slack"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => ApiCall().Matches(File.ReadAllText(f)).Select(m => m.Groups["method"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var needed = called.Concat(App.Settings.EventSubscriptions.BotEvents)
            .Select(m => ScopeFor.TryGetValue(m, out var scope) ? scope : throw new InvalidOperationException($"add the scope of {m} to this test"))
            .OfType<string>()
            .Append("commands")
            .Append("chat:write.public")
            .Append("groups:read")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Subset(called, ScopeFor.Keys.Where(k => k.Contains('.', StringComparison.Ordinal) && !k.StartsWith("message.", StringComparison.Ordinal)).ToHashSet());
        Assert.Equal(needed.Order(), App.OauthConfig.Scopes.Bot.Order());
    }

    [GeneratedRegex(@"Post(?:Json|Form)Async\(\s*""(?<method>[A-Za-z]+(?:\.[A-Za-z]+)+)""")]
    private static partial Regex ApiCall();

    public sealed class Manifest
    {
        public Features Features { get; set; } = new();

        public OauthConfig OauthConfig { get; set; } = new();

        public Settings Settings { get; set; } = new();
    }

    public sealed class Features
    {
        public List<SlashCommand> SlashCommands { get; set; } = [];
    }

    public sealed class SlashCommand
    {
        public string Command { get; set; } = string.Empty;

        public string Url { get; set; } = string.Empty;

        public string UsageHint { get; set; } = string.Empty;

        public bool ShouldEscape { get; set; }
    }

    public sealed class OauthConfig
    {
        public Scopes Scopes { get; set; } = new();
    }

    public sealed class Scopes
    {
        public List<string> Bot { get; set; } = [];
    }

    public sealed class Settings
    {
        public EventSubscriptions EventSubscriptions { get; set; } = new();

        public Interactivity Interactivity { get; set; } = new();
    }

    public sealed class EventSubscriptions
    {
        public string RequestUrl { get; set; } = string.Empty;

        public List<string> BotEvents { get; set; } = [];
    }

    public sealed class Interactivity
    {
        public bool IsEnabled { get; set; }

        public string RequestUrl { get; set; } = string.Empty;
    }
}
