using System.Net;
using ChatOps.Chat.Http;

namespace ChatOps.Tests.Chat;

public sealed class OutboundRetryTests
{
    private static readonly OutboundRetry Fast = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task A_429_with_a_short_Retry_After_is_retried_and_the_body_resent()
    {
        var server = new ScriptedHandler(Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 0), Status(HttpStatusCode.OK));
        using var client = Client(server);

        using var response = await client.PostAsync(new Uri("https://slack.test/api/chat.postMessage"), new StringContent("{\"text\":\"hi\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["{\"text\":\"hi\"}", "{\"text\":\"hi\"}"], server.Bodies);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_limit_is_returned_for_the_outbox_to_reschedule()
    {
        var server = new ScriptedHandler(Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 30), Status(HttpStatusCode.OK));
        using var client = Client(server);

        using var response = await client.PostAsync(new Uri("https://slack.test/api/chat.postMessage"), new StringContent("x"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), OutboundRetry.RetryAfter(response));
        Assert.Single(server.Bodies);
    }

    [Fact]
    public async Task Server_errors_are_retried_up_to_the_attempt_limit_but_client_errors_are_not()
    {
        var failing = new ScriptedHandler(Enumerable.Repeat(Status(HttpStatusCode.BadGateway), 10).ToArray());
        var rejected = new ScriptedHandler(Status(HttpStatusCode.BadRequest), Status(HttpStatusCode.OK));
        using var failingClient = Client(failing);
        using var rejectedClient = Client(rejected);

        using var exhausted = await failingClient.GetAsync(new Uri("https://slack.test/a"));
        using var badRequest = await rejectedClient.GetAsync(new Uri("https://slack.test/a"));

        Assert.Equal(HttpStatusCode.BadGateway, exhausted.StatusCode);
        Assert.Equal(4, failing.Bodies.Count);
        Assert.Equal(HttpStatusCode.BadRequest, badRequest.StatusCode);
        Assert.Single(rejected.Bodies);
    }

    private static HttpClient Client(HttpMessageHandler server) =>
        new(new ResilientHttpHandler(Fast.Build(TimeProvider.System)) { InnerHandler = server });

    private static Func<HttpResponseMessage> Status(HttpStatusCode code, int? retryAfterSeconds = null) => () =>
    {
        var response = new HttpResponseMessage(code);
        if (retryAfterSeconds is { } s)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        }

        return response;
    };

    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] script) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            return script[Math.Min(_next++, script.Length - 1)]();
        }
    }
}
