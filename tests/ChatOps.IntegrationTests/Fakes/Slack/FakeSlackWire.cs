using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>Slack's request and answer shapes: JSON or form bodies in, {"ok":...} out (HTTP 200 even for errors).</summary>
internal static class FakeSlackWire
{
    public static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var body = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            body[key] = value.ToString();
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && text.Length > 0)
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject json)
                {
                    foreach (var (key, value) in json.ToList())
                    {
                        json.Remove(key);
                        body[key] = value;
                    }
                }
            }
            catch (JsonException)
            {
                body["__unparsable"] = text;
            }
        }
        else if (text.Length > 0)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
            {
                body[key] = value.ToString();
            }
        }

        return body;
    }

    public static string? Str(this JsonObject body, string field) => body[field] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public static bool Flag(this JsonObject body, string field) => body.Str(field) is "true" or "1";

    /// <summary>Blocks arrive as a JSON array, or as a JSON string in form bodies.</summary>
    public static JsonArray? Array(this JsonObject body, string field) => body[field] switch
    {
        JsonArray a => a,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonNode.Parse(v.GetValue<string>()) as JsonArray,
        _ => null,
    };
}

/// <summary>What the fake answers: a status, a body, and maybe a Retry-After.</summary>
internal sealed record FakeAnswer(HttpStatusCode Status, string Body, string ContentType, TimeSpan? RetryAfter = null, string? ErrorCode = null)
{
    public static FakeAnswer Ok(JsonObject? fields = null)
    {
        var body = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields?.ToList() ?? [])
        {
            fields!.Remove(key);
            body[key] = value;
        }

        return new FakeAnswer(HttpStatusCode.OK, body.ToJsonString(), "application/json; charset=utf-8");
    }

    public static FakeAnswer Error(string code, JsonObject? extra = null, HttpStatusCode status = HttpStatusCode.OK, TimeSpan? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error"] = code };
        foreach (var (key, value) in extra?.ToList() ?? [])
        {
            extra!.Remove(key);
            body[key] = value;
        }

        return new FakeAnswer(status, body.ToJsonString(), "application/json; charset=utf-8", retryAfter, code);
    }

    public static FakeAnswer Text(HttpStatusCode status, string text) =>
        new(status, text, "text/plain; charset=utf-8", ErrorCode: (int)status >= 400 ? text : null);

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = (int)Status;
        response.ContentType = ContentType;
        if (RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await response.WriteAsync(Body);
    }
}
