using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOps.IntegrationTests.Fakes.Teams;

/// <summary>A channel created through the fake Graph.</summary>
public sealed record FakeTeamsChannel(string Id, string DisplayName, string Description);

public sealed partial class FakeTeams
{
    private readonly List<FakeTeamsChannel> _channels = [];
    private readonly HashSet<string> _takenNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, TimeSpan? RetryAfter)>> _failures = new();
    private long _nextId = 1_700_000_000_000;

    public IReadOnlyList<FakeTeamsChannel> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels];
            }
        }
    }

    /// <summary>Connector posts that landed in <paramref name="channelOrConversation"/>: new threads in a channel, sends and replies in a conversation.</summary>
    public IReadOnlyList<TeamsCall> PostsIn(string channelOrConversation) =>
        [.. _calls.Where(c => c.Ok && c.Kind is "thread" or "send" or "reply" && c.ConversationId is { } id
            && (id == channelOrConversation || id.StartsWith(channelOrConversation + ";", StringComparison.Ordinal)))];

    /// <summary>Replies to one activity (answers to a command, a click or a form).</summary>
    public IReadOnlyList<TeamsCall> RepliesTo(string activityId) => [.. _calls.Where(c => c.Ok && c.Kind == "reply" && c.ActivityId == activityId)];

    /// <summary>People the Connector's rosters know (GET .../members/{id}), by id.</summary>
    public ConcurrentDictionary<string, string> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>A channel display name Graph will refuse as taken.</summary>
    public void NameTaken(string displayName) => _takenNames.Add(displayName);

    /// <summary>The next <paramref name="count"/> calls of <paramref name="kind"/> answer <paramref name="status"/> (429 with Retry-After, 503...).</summary>
    public void Fail(string kind, int count, int status, TimeSpan? retryAfter = null)
    {
        var queue = _failures.GetOrAdd(kind, _ => new ConcurrentQueue<(int, TimeSpan?)>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((status, retryAfter));
        }
    }

    private void Map(WebApplication server)
    {
        server.MapGet("/openid/.well-known/openidconfiguration", (HttpContext http) =>
        {
            Record(http, "metadata", [], 200);
            return Results.Json(new
            {
                issuer = FakeTeamsKeys.Issuer,
                authorization_endpoint = "https://invalid.example/",
                jwks_uri = new Uri(HttpBase, "openid/keys").AbsoluteUri,
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            });
        });
        server.MapGet("/openid/keys", (HttpContext http) =>
        {
            Keys.Fetches++;
            Record(http, "jwks", [], 200);
            return Results.Text(Keys.Jwks().ToJsonString(), "application/json");
        });
        server.MapPost("/{tenant}/oauth2/v2.0/token", TokenAsync);
        server.MapPost("/connector/v3/conversations", (Func<HttpContext, Task<IResult>>)(http => ConnectorAsync(http, "create", null, null)));
        server.MapPost("/connector/v3/conversations/{conversation}/activities", (HttpContext http, string conversation) => ConnectorAsync(http, "send", conversation, null));
        server.MapPost("/connector/v3/conversations/{conversation}/activities/{activity}", (HttpContext http, string conversation, string activity) => ConnectorAsync(http, "reply", conversation, activity));
        server.MapPut("/connector/v3/conversations/{conversation}/activities/{activity}", (HttpContext http, string conversation, string activity) => ConnectorAsync(http, "update", conversation, activity));
        server.MapGet("/connector/v3/conversations/{conversation}/members/{member}", (HttpContext http, string conversation, string member) =>
        {
            var known = http.Request.Headers.Authorization == $"Bearer {ConnectorToken}" && Members.TryGetValue(member, out var name) ? name : null;
            Record(http, "member", [], known is null ? 404 : 200, conversation, member);
            return known is null
                ? Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "not in the roster" } }, statusCode: 404)
                : Results.Json(new { id = member, name = known, aadObjectId = Guid.NewGuid().ToString() });
        });
        server.MapPost("/graph/v1.0/teams/{team}/channels", CreateChannelAsync);
        server.MapMethods("/graph/v1.0/teams/{team}/channels/{channel}", ["PATCH"], PatchChannelAsync);
        server.MapFallback((HttpContext http) =>
        {
            Record(http, "unknown", [], 404);
            return Results.NotFound();
        });
    }

    private async Task<IResult> TokenAsync(HttpContext http, string tenant)
    {
        var form = await http.Request.ReadFormAsync();
        var body = new JsonObject();
        foreach (var (key, value) in form)
        {
            body[key] = key == "client_secret" ? "(redacted)" : value.ToString();
        }

        body["tenant"] = tenant;
        if (!http.Request.IsHttps || form["client_id"] != AppId || form["client_secret"] != AppPassword || form["grant_type"] != "client_credentials")
        {
            Record(http, "token", body, 401);
            return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
        }

        var scope = form["scope"].ToString();
        var token = scope.Contains("api.botframework.com", StringComparison.Ordinal) ? ConnectorToken : GraphToken;
        Record(http, "token", body, 200);
        return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = token });
    }

    private async Task<IResult> ConnectorAsync(HttpContext http, string kind, string? conversation, string? activity)
    {
        var body = await ReadJsonAsync(http);
        if (kind == "create")
        {
            kind = body["isGroup"]?.GetValue<bool>() == true ? "thread" : "personal";
        }

        var conversationId = kind switch
        {
            "thread" => body["channelData"]?["channel"]?["id"]?.GetValue<string>(),
            "personal" => body["members"]?[0]?["id"]?.GetValue<string>(),
            _ => conversation,
        };
        if (http.Request.Headers.Authorization != $"Bearer {ConnectorToken}")
        {
            Record(http, kind, body, 401, conversationId, activity);
            return Results.Json(new { error = new { code = "BotNotRegistered", message = "bad token" } }, statusCode: 401);
        }

        if (Failure(kind) is { } failure)
        {
            Record(http, kind, body, failure.Status, conversationId, activity);
            if (failure.RetryAfter is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(new { error = new { code = failure.Status == 429 ? "Throttled" : "ServiceError", message = "scripted" } }, statusCode: failure.Status);
        }

        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Record(http, kind, body, 200, conversationId, kind is "update" ? activity : kind is "reply" ? activity : id);
        http.Response.Headers["X-Correlating-OperationId"] = "fake-" + id;
        return kind switch
        {
            "thread" => Results.Json(new { id = $"{conversationId};messageid={id}", activityId = id }),
            "personal" => Results.Json(new { id = $"a:personal-{conversationId}" }),
            "update" => Results.Json(new { id = activity }),
            _ => Results.Json(new { id }),
        };
    }

    private async Task<IResult> CreateChannelAsync(HttpContext http, string team)
    {
        var body = await ReadJsonAsync(http);
        if (http.Request.Headers.Authorization != $"Bearer {GraphToken}")
        {
            Record(http, "createChannel", body, 401);
            return Results.Json(new { error = new { code = "InvalidAuthenticationToken", message = "bad token" } }, statusCode: 401);
        }

        var name = body["displayName"]?.GetValue<string>() ?? string.Empty;
        if (team != TeamId || name.Length is 0 or > 50 || name.IndexOfAny("~#%&*{}+/\\:<>?|'\"".ToCharArray()) >= 0)
        {
            Record(http, "createChannel", body, 400);
            return Results.Json(new { error = new { code = "BadRequest", message = $"invalid team or displayName '{name}'" } }, statusCode: 400);
        }

        lock (_gate)
        {
            if (_takenNames.Contains(name) || _channels.Any(c => c.DisplayName.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                Record(http, "createChannel", body, 400);
                return Results.Json(new { error = new { code = "NameAlreadyExists", message = "Channel name already existed, please use other name." } }, statusCode: 400);
            }

            var channel = new FakeTeamsChannel($"19:{Guid.NewGuid():N}@thread.tacv2", name, body["description"]?.GetValue<string>() ?? string.Empty);
            _channels.Add(channel);
            Record(http, "createChannel", body, 201, channel.Id);
            return Results.Json(new { id = channel.Id, displayName = name, description = channel.Description, membershipType = "standard" }, statusCode: 201);
        }
    }

    private async Task<IResult> PatchChannelAsync(HttpContext http, string team, string channel)
    {
        var body = await ReadJsonAsync(http);
        var ok = http.Request.Headers.Authorization == $"Bearer {GraphToken}" && team == TeamId;
        Record(http, "patchChannel", body, ok ? 204 : 400, channel);
        return ok ? Results.NoContent() : Results.BadRequest();
    }

    private (int Status, TimeSpan? RetryAfter)? Failure(string kind) =>
        _failures.TryGetValue(kind, out var queue) && queue.TryDequeue(out var failure) ? failure : null;

    private static async Task<JsonObject> ReadJsonAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
