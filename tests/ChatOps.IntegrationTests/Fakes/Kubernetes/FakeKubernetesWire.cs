using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChatOps.IntegrationTests.Fakes.Kubernetes;

/// <summary>Routing, lists, paging, selectors, Table and Status answers of <see cref="FakeKubernetes"/>.</summary>
public sealed partial class FakeKubernetes
{
    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? "/";
        _requests.Enqueue(new KubeRequest(request.Method, path, request.QueryString.Value ?? string.Empty,
            request.Headers.Accept.ToString(), request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
        http.Response.Headers["X-Kubernetes-Pf-Flowschema-Uid"] = "7a1c9c44-0c5b-4a33-9d7e-6c1a0b2f3e4d";
        http.Response.Headers["X-Kubernetes-Pf-Prioritylevel-Uid"] = "0e1d2c3b-4a59-4867-9e8d-7c6b5a4f3e2d";
        if (request.Method != "GET")
        {
            await StatusAsync(http, 405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({request.Method})");
            return;
        }

        if (RequiredToken is { } token && request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            await StatusAsync(http, 401, "Unauthorized", "Unauthorized");
            return;
        }

        if (TakeScript(path) is { } script)
        {
            if (script.Delay is { } delay)
            {
                await Task.Delay(delay, http.RequestAborted);
            }

            if (script.Status != 0)
            {
                if (script.RetryAfter is { } seconds)
                {
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                http.Response.StatusCode = script.Status;
                http.Response.ContentType = script.ContentType;
                await http.Response.WriteAsync(script.Body);
                return;
            }
        }

        switch (path)
        {
            case "/version":
                await JsonAsync(http, 200, Version);
                return;
            case "/readyz" or "/livez":
                var (status, body) = path == "/readyz" ? (ReadyzStatus, Readyz) : (200, Livez);
                http.Response.StatusCode = status;
                http.Response.ContentType = "text/plain; charset=utf-8";
                // A failing check is always verbose; a passing one only when asked.
                await http.Response.WriteAsync(status == 200 && !request.Query.ContainsKey("verbose") ? "ok" : body);
                return;
        }

        var match = ResourcePath().Match(path);
        if (!match.Success || !_resources.TryGetValue($"{match.Groups["prefix"].Value}/{match.Groups["res"].Value}", out var resource))
        {
            await StatusAsync(http, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        var ns = match.Groups["ns"].Success ? match.Groups["ns"].Value : null;
        var items = resource.Items.Where(i => ns is null || Str(i, "metadata.namespace") == ns);
        if (match.Groups["name"].Success)
        {
            var name = match.Groups["name"].Value;
            var found = items.FirstOrDefault(i => Str(i, "metadata.name") == name);
            if (found is null)
            {
                await StatusAsync(http, 404, "NotFound", $"{match.Groups["res"].Value} \"{name}\" not found");
                return;
            }

            var single = found.DeepClone().AsObject();
            single["kind"] = resource.ListKind[..^4];
            single["apiVersion"] = resource.ApiVersion;
            await JsonAsync(http, 200, single.ToJsonString());
            return;
        }

        if (request.Query["fieldSelector"].ToString() is { Length: > 0 } field)
        {
            var terms = Terms(field);
            if (terms is null)
            {
                await StatusAsync(http, 400, "BadRequest", $"unable to parse requirement: {field}");
                return;
            }

            items = items.Where(i => terms.All(t => (Str(i, t.Key) ?? string.Empty) == t.Value == t.Equal));
        }

        if (request.Query["labelSelector"].ToString() is { Length: > 0 } label)
        {
            items = items.Where(i => Labels(label).All(t => t(i["metadata"]?["labels"] as JsonObject)));
        }

        await ListAsync(http, resource, items.ToList());
    }

    private async Task ListAsync(HttpContext http, FakeResource resource, List<JsonObject> items)
    {
        var query = http.Request.Query;
        var offset = 0;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            offset = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            if (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) != _epoch)
            {
                var status = Status(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                if (_offerFreshToken)
                {
                    status["metadata"] = new JsonObject { ["continue"] = Continue(offset) };
                }

                await JsonAsync(http, 410, status.ToJsonString());
                return;
            }
        }

        var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : int.MaxValue;
        var page = items.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count;
        var metadata = new JsonObject { ["resourceVersion"] = "4410388" };
        if (next < items.Count)
        {
            metadata["continue"] = Continue(next);
            metadata["remainingItemCount"] = items.Count - next;
        }

        if (http.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal))
        {
            await JsonAsync(http, 200, Table(resource, page, metadata).ToJsonString());
            return;
        }

        var list = new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. page.Select(i => (JsonNode)i.DeepClone())]),
        };
        await JsonAsync(http, 200, list.ToJsonString());
    }

    private static JsonObject Table(FakeResource resource, List<JsonObject> page, JsonObject metadata) => new()
    {
        ["kind"] = "Table",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = metadata,
        ["columnDefinitions"] = new JsonArray(
            new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = "Name must be unique within a namespace.", ["priority"] = 0 },
            new JsonObject { ["name"] = "Status", ["type"] = "string", ["format"] = string.Empty, ["description"] = "The aggregate status.", ["priority"] = 0 }),
        ["rows"] = new JsonArray([.. page.Select(i => (JsonNode)new JsonObject
        {
            ["cells"] = new JsonArray(Str(i, "metadata.name"), Str(i, "status.phase") ?? "Ready"),
            ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = i["metadata"]!.DeepClone() },
        })]),
    };

    private string Continue(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_epoch}:{offset}"));

    private static List<(string Key, string Value, bool Equal)>? Terms(string selector)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var term in selector.Split(','))
        {
            var m = FieldTerm().Match(term);
            if (!m.Success)
            {
                return null;
            }

            terms.Add((m.Groups["k"].Value, m.Groups["v"].Value, m.Groups["op"].Value != "!="));
        }

        return terms;
    }

    private static IEnumerable<Func<JsonObject?, bool>> Labels(string selector) =>
        selector.Split(',').Select(term => FieldTerm().Match(term) is { Success: true } m
            ? (Func<JsonObject?, bool>)(labels => (labels?[m.Groups["k"].Value]?.GetValue<string>() == m.Groups["v"].Value) == (m.Groups["op"].Value != "!="))
            : term.StartsWith('!') ? labels => labels?.ContainsKey(term[1..]) != true : labels => labels?.ContainsKey(term) == true);

    private static string? Str(JsonObject o, string dotted)
    {
        JsonNode? node = o;
        foreach (var part in dotted.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
    }

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static Task StatusAsync(HttpContext http, int code, string reason, string message) =>
        JsonAsync(http, code, Status(code, reason, message).ToJsonString());

    private static async Task JsonAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body);
    }

    [GeneratedRegex(@"^(?<prefix>/api/v1|/apis/[^/]+/[^/]+)/(?:namespaces/(?<ns>[^/]+)/)?(?<res>[^/]+)(?:/(?<name>[^/]+))?$")]
    private static partial Regex ResourcePath();

    [GeneratedRegex(@"^(?<k>[A-Za-z0-9_./-]+)(?<op>!=|==|=)(?<v>.*)$")]
    private static partial Regex FieldTerm();
}
