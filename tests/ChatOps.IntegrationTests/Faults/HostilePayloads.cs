using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Fakes.Slack;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// Generates oversized, malformed and hostile Slack webhook requests from a seed, so a failing
/// case reproduces: the test prints the seed and the case number. Signed requests are built to be
/// malformed or meaningless (never a well-formed command a user could legitimately send), so
/// "nothing happened" is the right outcome for every one of them.
/// </summary>
public sealed class HostilePayloads(int seed, string secret)
{
    public static readonly string[] Paths = ["/slack/commands", "/slack/events", "/slack/interactions"];

    private static readonly string[] Hostile =
    [
        "'; DROP TABLE incidents; --", "<!channel> <!here> <!everyone>", "<@U0TESTER01|admin>", "<script>alert(1)</script>",
        "{0}{1}%s%n%x", "\u0000\u0001\u0002", "\u202Eevil\u202C", "𝕳𝖊𝖑𝖑𝖔 🔥🔥🔥", "Z̸̡̛̗͓a̷̧͙l̴̙͒g̸͓̈o", "../../etc/passwd", "${jndi:ldap://x}",
        "\r\nX-Injected: 1", "&amp;&lt;&gt;", "%00%ff%zz", "NaN", "-1", "9999999999999999999999", "\"unterminated", "[[[[", "@@@ ###",
    ];

    private static readonly string[] Commands = ["/incident", "/maint", "/diag", "/nope", "incident", "", "/INCIDENT", "/incident/../maint"];

    private readonly Random _random = new(seed);

    public HttpRequestMessage Next()
    {
        var path = Paths[_random.Next(Paths.Length)];
        var (body, contentType) = path switch
        {
            "/slack/commands" => CommandBody(),
            "/slack/events" => EventBody(),
            _ => InteractionBody(),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        Sign(request, body);
        return request;
    }

    private void Sign(HttpRequestMessage request, byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var ts = now.ToString(CultureInfo.InvariantCulture);
        var valid = SlackRequests.Sign(secret, ts, Encoding.UTF8.GetString(body));
        switch (_random.Next(10))
        {
            case < 5: // Signed correctly (when the body is UTF-8; otherwise this is a near miss).
                Headers(request, ts, SignBytes(ts, body));
                break;
            case 5: // Unsigned.
                break;
            case 6:
                Headers(request, ts, "v0=" + new string('0', 64));
                break;
            case 7: // Stale or from the future.
                var skewed = (now + (_random.Next(2) == 0 ? -301 : 400)).ToString(CultureInfo.InvariantCulture);
                Headers(request, skewed, SignBytes(skewed, body));
                break;
            case 8: // Garbage timestamp, signature of another shape.
                Headers(request, Pick(["", "abc", "-5", "99999999999999999999999", "1e10", " 1700000000"]), Pick(["", "v0=", "v1=" + valid[3..], valid.ToUpperInvariant(), "v0=zz", new string('a', 5000)]));
                break;
            default: // The right signature on a different body.
                Headers(request, ts, valid.Replace('a', 'b'));
                break;
        }
    }

    private string SignBytes(string ts, byte[] body)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var prefix = Encoding.UTF8.GetBytes($"v0:{ts}:");
        var hash = hmac.ComputeHash([.. prefix, .. body]);
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    private static void Headers(HttpRequestMessage request, string ts, string signature)
    {
        request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", ts);
        request.Headers.TryAddWithoutValidation("X-Slack-Signature", signature);
    }

    private (byte[], string?) CommandBody() => _random.Next(8) switch
    {
        0 => Junk(),
        1 => Form(("command", Pick(Commands)), ("text", HostileText()), ("user_id", Pick(["U0TESTER01", "", HostileText()])), ("channel_id", HostileText())),
        2 => Form(("command", Pick(Commands)), ("text", HostileText())), // no user_id
        3 => (Encoding.UTF8.GetBytes($"command=%2Fincident&text={Pick(["%", "%zz", "%E0%A4%A", "+%00+"])}&user_id=U1&&&==&text=again"), "application/x-www-form-urlencoded"),
        4 => Form(("command", "/incident"), ("text", HostileText()), ("user_id", "U0TESTER01"), ("channel_id", "C0OPSCHAN1"), ("response_url", Pick(["", "not a url", "file:///etc/passwd", "http://127.0.0.1:1/x"])), ("trigger_id", HostileText())),
        5 => Oversized("application/x-www-form-urlencoded"),
        6 => (Encoding.UTF8.GetBytes(Json().ToJsonString()), "application/json"),
        _ => Form(("ssl_check", Pick(["0", "2", HostileText()])), ("command", Pick(Commands)), ("text", HostileText())),
    };

    private (byte[], string?) EventBody() => _random.Next(8) switch
    {
        0 => Junk(),
        1 => (Encoding.UTF8.GetBytes(new string('[', 3000) + new string(']', 3000)), "application/json"),
        2 => (Encoding.UTF8.GetBytes(Json().ToJsonString()), "application/json"),
        3 => Oversized("application/json"),
        4 => Envelope(new JsonObject { ["type"] = "message", ["channel"] = Node(), ["ts"] = Node(), ["text"] = Node(), ["user"] = Node(), ["subtype"] = Node() }),
        5 => Envelope(new JsonObject { ["type"] = Pick(["message", "pin_added", "reaction_added", "app_mention", HostileText()]), ["item"] = Node(), ["message"] = Node(), ["previous_message"] = Node() }),
        6 => (Encoding.UTF8.GetBytes(new JsonObject { ["type"] = Pick(["url_verification", "event_callback", "app_rate_limited", HostileText()]), ["challenge"] = Node(), ["event_id"] = Node(), ["event"] = Node() }.ToJsonString()), "application/json"),
        _ => Envelope(Node()),
    };

    private (byte[], string?) InteractionBody() => _random.Next(7) switch
    {
        0 => Junk(),
        1 => Form(("payload", HostileText())),
        2 => Form(("payload", Json().ToJsonString())),
        3 => Oversized("application/x-www-form-urlencoded"),
        4 => Form(("payload", new JsonObject
        {
            ["type"] = Pick(["block_actions", "view_submission", "view_closed", "shortcut", HostileText()]),
            ["user"] = Node(), ["actions"] = Node(), ["view"] = Node(), ["response_url"] = Node(), ["trigger_id"] = Node(),
        }.ToJsonString())),
        5 => Form(("payload", new JsonObject
        {
            // A submission whose metadata is not a form ChatOps opened.
            ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = "U0TESTER01" },
            ["view"] = new JsonObject { ["callback_id"] = HostileText(), ["private_metadata"] = HostileText(), ["state"] = new JsonObject { ["values"] = Node() } },
        }.ToJsonString())),
        _ => (Encoding.UTF8.GetBytes("payload=" + new string('{', 2000)), "application/x-www-form-urlencoded"),
    };

    private (byte[], string?) Envelope(JsonNode? inner) =>
        (Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = FakeSlack.TeamId, ["api_app_id"] = FakeSlack.AppId,
            ["event_id"] = _random.Next(3) == 0 ? Node() : $"EvHostile{_random.Next(1_000_000)}", ["event_time"] = Node(), ["event"] = inner,
            ["authorizations"] = _random.Next(2) == 0 ? Node() : new JsonArray(new JsonObject { ["user_id"] = FakeSlack.BotUserId, ["is_bot"] = Node() }),
        }.ToJsonString()), "application/json");

    private (byte[], string?) Junk()
    {
        var bytes = new byte[_random.Next(0, 3000)];
        _random.NextBytes(bytes);
        return (bytes, Pick(["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=utf-16", null]));
    }

    private (byte[], string?) Oversized(string contentType)
    {
        // One in four over the 1 MB limit; the rest large but allowed.
        var size = _random.Next(4) == 0 ? (1024 * 1024) + _random.Next(1, 200_000) : _random.Next(50_000, 300_000);
        var filler = contentType.Contains("json", StringComparison.Ordinal) ? "{\"type\":\"event_callback\",\"x\":\"" : "command=%2Fincident&text=";
        var bytes = Enumerable.Repeat((byte)'a', size).ToArray();
        Encoding.ASCII.GetBytes(filler).CopyTo(bytes, 0);
        return (bytes, contentType);
    }

    private (byte[], string?) Form(params (string Key, string? Value)[] fields) =>
        (Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value ?? string.Empty)}"))),
            Pick(["application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "text/plain", null]));

    private JsonObject Json() => new() { ["type"] = Node(), ["payload"] = Node(), ["command"] = Node(), ["event"] = Node(), [HostileText()] = Node() };

    /// <summary>A JSON value of any shape: the wrong type where a string or object is expected.</summary>
    private JsonNode? Node(int depth = 0) => _random.Next(depth > 3 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(_random.NextDouble() * 1e300),
        3 => JsonValue.Create(_random.Next(2) == 0),
        4 => JsonValue.Create(HostileText()),
        5 => new JsonArray(Node(depth + 1), Node(depth + 1)),
        6 => new JsonObject { ["type"] = Node(depth + 1), ["id"] = Node(depth + 1), ["value"] = Node(depth + 1), ["text"] = Node(depth + 1) },
        _ => new JsonObject { [HostileText()] = Node(depth + 1) },
    };

    /// <summary>Hostile text that never starts with a valid subcommand (it always starts with a hostile fragment).</summary>
    private string HostileText()
    {
        var text = new StringBuilder(Pick(Hostile));
        for (var i = _random.Next(4); i > 0; i--)
        {
            text.Append(' ').Append(Pick(Hostile));
        }

        if (_random.Next(20) == 0)
        {
            text.Append(new string('x', _random.Next(10_000, 100_000)));
        }

        return text.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
