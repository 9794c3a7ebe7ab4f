using System.Collections.Concurrent;

namespace ChatOps.Web;

/// <summary>Stylesheet and scripts, embedded in the assembly so the single binary serves them.</summary>
internal static class WebAssets
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", (string name, HttpContext http) =>
        {
            var bytes = Cache.GetOrAdd(name, Load);
            if (bytes is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(bytes, name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        }).ExcludeFromDescription();

    private static byte[]? Load(string name)
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream($"assets/{name}");
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
