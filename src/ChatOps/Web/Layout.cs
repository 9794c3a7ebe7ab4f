namespace ChatOps.Web;

/// <summary>The frame around every page: navigation, styles, the clock script, the signed-in user.</summary>
public sealed class Layout(bool playground)
{
    public bool Playground => playground;

    public string Page(HttpContext http, string title, string body, int? refreshSeconds = null, string? bodyClass = null)
    {
        var refresh = refreshSeconds is { } r ? $"<meta http-equiv=\"refresh\" content=\"{r}\">" : string.Empty;
        var user = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"<span class=\"who\">Signed in as {Html.E(name)}</span>" : string.Empty;
        var playgroundLink = playground ? "<a href=\"/playground\">Playground</a>" : string.Empty;
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {refresh}
            <title>{Html.E(title)} · ChatOps</title>
            <link rel="stylesheet" href="/assets/site.css">
            <script src="/assets/site.js" defer></script>
            </head>
            <body class="{Html.E(bodyClass)}">
            <header class="top"><a class="brand" href="/">ChatOps</a><a href="/">Incidents</a><a href="/maintenance">Maintenance</a><a href="/audit">Audit</a>{playgroundLink}{user}</header>
            {body}
            </body>
            </html>
            """;
    }

    /// <summary>Pages are HTML built here; scripts only from this site, nothing inline, no framing.</summary>
    public static IResult Result(string html, int status = StatusCodes.Status200OK) => new HtmlResult(html, status);

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(html, http.RequestAborted);
        }
    }
}
