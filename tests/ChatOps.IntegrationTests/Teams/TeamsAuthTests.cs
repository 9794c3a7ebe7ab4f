using System.Collections.Concurrent;
using System.Net;
using ChatOps.Chat.Commands;
using ChatOps.IntegrationTests.Fakes.Teams;
using ChatOps.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using static ChatOps.IntegrationTests.Teams.TeamsHarness;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>POST /api/messages accepts only what the Bot Connector signed for us, and acts on an activity once.</summary>
public sealed class TeamsAuthTests
{
    [Fact]
    public async Task A_valid_token_is_accepted_and_seven_forgeries_are_401_with_nothing_processed()
    {
        var module = new RecordingModule();
        await using var teams = await StartAsync(StorageProvider.Sqlite, services: s => s.AddSingleton<ICommandModule>(module));
        var keys = teams.Teams.Keys;
        var now = teams.Clock.GetUtcNow();
        var serviceUrl = teams.Teams.ServiceUrl;
        var before = await CountsAsync(teams);

        (string Name, string? Authorization)[] forgeries =
        [
            ("wrong audience", Bearer(keys.Mint("another-bots-app-id", serviceUrl, now))),
            ("wrong issuer", Bearer(keys.Mint(FakeTeams.AppId, serviceUrl, now, issuer: "https://api.botframework.evil"))),
            ("expired", Bearer(keys.Mint(FakeTeams.AppId, serviceUrl, now, expiresIn: TimeSpan.FromMinutes(-6)))),
            ("signed by another key", Bearer(keys.Mint(FakeTeams.AppId, serviceUrl, now, key: keys.Unpublished))),
            ("serviceUrl mismatch", Bearer(keys.Mint(FakeTeams.AppId, "https://attacker.example/connector/", now))),
            ("alg none", Bearer(FakeTeamsKeys.Unsigned(FakeTeams.AppId, serviceUrl, now))),
            ("missing header", string.Empty),
        ];
        foreach (var (name, authorization) in forgeries)
        {
            using var refused = await teams.SendAsync(teams.Activities.Message(Alice.Id, Alice.Name, Ops, "teamstest hello"), authorization);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {refused.StatusCode}");
        }

        Assert.Empty(module.Calls);
        Assert.Equal(before, await CountsAsync(teams));
        Assert.Empty(teams.Teams.CallsTo("reply"));

        var reply = await teams.RunCommandAsync(Alice, Ops, "teamstest hello");
        Assert.Contains("you said: hello", reply.CardText, StringComparison.Ordinal);
        Assert.Equal(Alice.Id, Assert.Single(module.Calls).UserId);
    }

    [Fact]
    public async Task A_redelivered_activity_is_processed_once()
    {
        var module = new RecordingModule();
        await using var teams = await StartAsync(StorageProvider.Postgres, services: s => s.AddSingleton<ICommandModule>(module));
        var activity = teams.Activities.Message(Alice.Id, Alice.Name, Ops, "teamstest once");

        await teams.SendAndWaitReplyAsync(activity);
        using var again = await teams.SendAsync(activity);
        using var third = await teams.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await Task.Delay(600);
        Assert.Single(module.Calls);
        Assert.Single(teams.Teams.CallsTo("reply"));
    }

    [Fact]
    public async Task Keys_are_fetched_again_for_an_unknown_key_id_and_endorsement_and_tenant_are_checked()
    {
        var module = new RecordingModule();
        await using var teams = await StartAsync(StorageProvider.Sqlite, services: s => s.AddSingleton<ICommandModule>(module));
        var fetches = teams.Teams.Keys.Fetches;
        var rotated = teams.Teams.Keys.Publish("rotated-key-2", ["msteams"]);
        var skypeOnly = teams.Teams.Keys.Publish("skype-only-key", ["skype"]);
        var now = teams.Clock.GetUtcNow();

        var activity = teams.Activities.Message(Alice.Id, Alice.Name, Ops, "teamstest rotated");
        using var accepted = await teams.SendAsync(activity, Bearer(teams.Teams.Keys.Mint(FakeTeams.AppId, teams.Teams.ServiceUrl, now, key: rotated)));
        using var unendorsed = await teams.SendAsync(teams.Activities.Message(Alice.Id, Alice.Name, Ops, "teamstest skype"),
            Bearer(teams.Teams.Keys.Mint(FakeTeams.AppId, teams.Teams.ServiceUrl, now, key: skypeOnly)));
        var foreign = teams.Activities.Message(Alice.Id, Alice.Name, Ops, "teamstest foreign");
        foreign["channelData"]!["tenant"]!["id"] = "another-tenant";
        foreign["conversation"]!["tenantId"] = "another-tenant";
        using var otherTenant = await teams.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(fetches + 1, teams.Teams.Keys.Fetches);
        Assert.Equal(HttpStatusCode.Unauthorized, unendorsed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTenant.StatusCode);
        await teams.Teams.WaitForCallAsync("reply", c => c.ActivityId == activity["id"]!.GetValue<string>());
        Assert.Equal(["rotated"], module.Calls.Select(c => c.Text));
    }

    [Fact]
    public async Task Signing_keys_are_fetched_again_after_24_hours()
    {
        var clock = new Infrastructure.OffsetClock();
        var module = new RecordingModule();
        await using var teams = await StartAsync(StorageProvider.Sqlite, clock: clock, services: s => s.AddSingleton<ICommandModule>(module));
        var fetches = teams.Teams.Keys.Fetches;

        clock.Jump(TimeSpan.FromHours(23));
        await teams.RunCommandAsync(Alice, Ops, "teamstest day one");
        Assert.Equal(fetches, teams.Teams.Keys.Fetches);
        clock.Jump(TimeSpan.FromHours(1.5));
        await teams.RunCommandAsync(Alice, Ops, "teamstest day two");

        Assert.Equal(fetches + 1, teams.Teams.Keys.Fetches);
        Assert.Equal(2, module.Calls.Count);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static async Task<(long Events, long Outbox, long Conversations, long Users)> CountsAsync(TeamsHarness teams)
    {
        await using var connection = await new Database(teams.Storage).OpenAsync(default);
        return (
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbound_events"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM teams_conversations"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM teams_users"));
    }
}

/// <summary>/teamstest: answers "you said: ..." and remembers who called it.</summary>
public sealed class RecordingModule : ICommandModule
{
    public string Name => "teamstest";

    public IReadOnlyList<HelpLine> Help => [new("/teamstest <anything>", "a command for the Teams adapter's tests")];

    public ConcurrentQueue<(string Text, string UserId, string ChannelId)> CallsQueue { get; } = new();

    public IReadOnlyList<(string Text, string UserId, string ChannelId)> Calls => [.. CallsQueue];

    public Task<CommandResult> ExecuteAsync(string text, CommandContext context, CancellationToken ct)
    {
        CallsQueue.Enqueue((text, context.UserId, context.ChannelId));
        return Task.FromResult(CommandResult.Private($"you said: {text}"));
    }
}
