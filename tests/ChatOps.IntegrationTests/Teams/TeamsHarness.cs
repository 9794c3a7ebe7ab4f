using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Fakes.Teams;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Platforms.Teams;
using ChatOps.Platforms.Teams.Api;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// The real app with Teams configured against <see cref="FakeTeams"/> (OpenID/JWKS, token, Connector,
/// Graph), installed in the team's ops and broadcast channels. Commands go in as signed activities
/// that @mention the bot, exactly as Teams delivers them; answers are read from the recorded
/// Connector calls.
/// <code>
/// await using var teams = await TeamsHarness.StartAsync(StorageProvider.Postgres);
/// var reply = await teams.RunCommandAsync(TeamsHarness.Alice, TeamsHarness.Ops, "incident declare sev1 Checkout down");
/// Assert.Contains("INC-1 declared", reply.CardText);
/// await teams.Teams.WaitUntilAsync(() => teams.Teams.PostsIn(TeamsHarness.Broadcast).Count == 1);
/// </code>
/// </summary>
public sealed class TeamsHarness : IAsyncDisposable
{
    public const string Broadcast = "19:broadcast00000000@thread.tacv2";
    public const string Ops = "19:opschannel00000000@thread.tacv2";
    public static readonly (string Id, string Name) Alice = ("29:1alice-aad-0001", "Alice Example");
    public static readonly (string Id, string Name) Bob = ("29:1bob-aad-0002", "Bob Example");

    private readonly bool _ownsTeams;

    private TeamsHarness(FakeTeams teams, TestApp app, StorageOptions storage, TimeProvider clock, bool ownsTeams)
    {
        Teams = teams;
        App = app;
        Storage = storage;
        Clock = clock;
        _ownsTeams = ownsTeams;
        Activities = new TeamsActivities(teams.ServiceUrl, clock);
    }

    public FakeTeams Teams { get; }

    public TestApp App { get; }

    public StorageOptions Storage { get; }

    public TimeProvider Clock { get; }

    public TeamsActivities Activities { get; }

    /// <summary>Connector calls that carried a message (new threads, sends, replies, updates), in order.</summary>
    public IReadOnlyList<TeamsCall> ConnectorPosts => [.. Teams.Calls.Where(c => c.Ok && c.Kind is "thread" or "send" or "reply" or "update")];

    /// <summary>Direct messages the bot sent to a user (reminders, escalations), through their personal chat.</summary>
    public IReadOnlyList<TeamsCall> DirectsTo(string userId) =>
        [.. Teams.Calls.Where(c => c.Ok && c.Kind == "send" && c.ConversationId == $"a:personal-{userId}")];

    /// <summary>
    /// Starts the app on a fresh database. <paramref name="settings"/> add to or override the Teams
    /// settings (a null value removes one); pass <paramref name="teams"/> to share a fake, and
    /// <paramref name="services"/> to add test doubles.
    /// </summary>
    public static async Task<TeamsHarness> StartAsync(StorageProvider provider = StorageProvider.Sqlite, IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null, Action<IServiceCollection>? services = null, FakeTeams? teams = null)
    {
        var fake = teams ?? await FakeTeams.StartAsync();
        var values = fake.Settings(Broadcast);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        try
        {
            var storage = await TestStores.CreateAsync(provider, "teams");
            var app = await TestApp.StartAsync(storage, values, clock, s =>
            {
                // The token endpoint's certificate is trusted as a root for MSAL's client only; the product's checks stay as they are.
                s.AddHttpClient(TeamsTokens.ClientName).ConfigurePrimaryHttpMessageHandler(fake.TrustingHandler);
                services?.Invoke(s);
            });
            var harness = new TeamsHarness(fake, app, storage, clock ?? TimeProvider.System, teams is null);
            await harness.InstallAsync(Ops, "ops");
            await harness.InstallAsync(Broadcast, "incidents");
            return harness;
        }
        catch
        {
            if (teams is null)
            {
                await fake.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The bot installed in a channel (a conversationUpdate), so its conversation reference is stored.</summary>
    public async Task InstallAsync(string channel, string name)
    {
        using var response = await SendAsync(Activities.Installed(channel, name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A token as the Connector would send with an activity for this service URL.</summary>
    public string Token() => Teams.Keys.Mint(FakeTeams.AppId, Teams.ServiceUrl, Clock.GetUtcNow());

    /// <summary>POST /api/messages with the activity and a valid token (or <paramref name="authorization"/> verbatim; "" sends no header).</summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TeamsSetup.MessagesPath, UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        authorization ??= "Bearer " + Token();
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await App.Client.SendAsync(request);
    }

    /// <summary>
    /// Sends "@ChatOps {text}" as <paramref name="user"/> in <paramref name="channel"/> (a 19:... channel,
    /// or any other id for a personal chat, where no mention is needed) and waits for the bot's reply in the thread.
    /// </summary>
    public async Task<TeamsCall> RunCommandAsync((string Id, string Name) user, string channel, string text)
    {
        var activity = Activities.Message(user.Id, user.Name, channel, text, mentionBot: channel.StartsWith("19:", StringComparison.Ordinal));
        return await SendAndWaitReplyAsync(activity);
    }

    /// <summary>Clicks a card button (Action.Submit) the bot posted, as <paramref name="user"/>; waits for the reply.</summary>
    public Task<TeamsCall> ClickAsync((string Id, string Name) user, string channel, TeamsCall card, string buttonTitle)
    {
        var action = Actions(card).Single(a => a["title"]?.GetValue<string>() == buttonTitle);
        var data = (JsonObject)action["data"]!.DeepClone();
        return SendAndWaitReplyAsync(Activities.Submit(user.Id, user.Name, channel, data, card.ActivityId ?? "card"));
    }

    /// <summary>Fills and submits a form card the bot posted; waits for the reply.</summary>
    public Task<TeamsCall> SubmitFormAsync((string Id, string Name) user, string channel, TeamsCall form, IReadOnlyDictionary<string, string> values)
    {
        var data = (JsonObject)Actions(form).Single()["data"]!.DeepClone();
        foreach (var (id, value) in values)
        {
            data["field:" + id] = value;
        }

        return SendAndWaitReplyAsync(Activities.Submit(user.Id, user.Name, channel, data, form.ActivityId ?? "form"));
    }

    public async Task<TeamsCall> SendAndWaitReplyAsync(JsonObject activity)
    {
        using var response = await SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = activity["id"]!.GetValue<string>();
        return await Teams.WaitForCallAsync("reply", c => c.Ok && c.ActivityId == id);
    }

    /// <summary>Every action of a card, wherever it sits (ActionSet in the body, or the card's own actions).</summary>
    public static IEnumerable<JsonObject> Actions(TeamsCall call) => Find(call.Card, "Action.");

    private static IEnumerable<JsonObject> Find(JsonNode? node, string typePrefix) => node switch
    {
        JsonObject o when o["type"] is JsonValue t && t.GetValue<string>().StartsWith(typePrefix, StringComparison.Ordinal) => [o],
        JsonObject o => o.SelectMany(p => Find(p.Value, typePrefix)),
        JsonArray a => a.SelectMany(i => Find(i, typePrefix)),
        _ => [],
    };

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_ownsTeams)
        {
            await Teams.DisposeAsync();
        }
    }
}
