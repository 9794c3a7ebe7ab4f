using System.Net;
using System.Text;
using ChatOps.Platforms.Slack;
using ChatOps.Platforms.Slack.Api;
using ChatOps.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Slack;

/// <summary>In-memory Slack answers for the client's unit tests: no sockets, a scripted reply per request.</summary>
internal sealed class StubSlackHttp : HttpMessageHandler, IHttpClientFactory
{
    private readonly Func<StubRequest, HttpResponseMessage> _answer;

    public StubSlackHttp(Func<StubRequest, HttpResponseMessage> answer)
    {
        _answer = answer;
    }

    public List<StubRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public SlackPlatform Platform(FakeTimeProvider clock, string? broadcast = null)
    {
        var options = Options.Create(new SlackOptions { SigningSecret = "s", BotToken = "xoxb-unit", ApiBaseUrl = new Uri("https://slack.test/api/"), BroadcastChannel = broadcast });
        var api = new SlackApi(this, options);
        return new SlackPlatform(api, new SlackChatApi(api), new SlackConversationsApi(api), new SlackFilesApi(api), new SlackViewsApi(api), new SlackUsersApi(api),
            options, clock, NullLogger<SlackPlatform>.Instance);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new StubRequest(request.RequestUri!, request.Headers.Authorization?.ToString(), body);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        return _answer(recorded);
    }
}

internal sealed record StubRequest(Uri Url, string? Authorization, string Body)
{
    public string Method => Url.Segments[^1];
}
