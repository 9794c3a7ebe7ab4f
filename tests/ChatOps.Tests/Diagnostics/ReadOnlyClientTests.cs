using System.Reflection;
using ChatOps.Diagnostics.Kubernetes;

namespace ChatOps.Tests.Diagnostics;

/// <summary>The Kubernetes client can only read: no API takes a method or a body, and the transport refuses anything but GET.</summary>
public sealed class ReadOnlyClientTests
{
    [Fact]
    public void No_member_of_the_client_accepts_a_method_a_body_or_a_raw_request()
    {
        Type[] forbidden = [typeof(HttpMethod), typeof(HttpContent), typeof(HttpRequestMessage)];
        var offenders = typeof(KubernetesClient)
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.GetParameters().Any(p => forbidden.Any(f => f.IsAssignableFrom(p.ParameterType))))
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task The_transport_refuses_every_method_but_GET(string method)
    {
        var inner = new CountingHandler();
        using var invoker = new HttpMessageInvoker(new GetOnlyHandler(inner));
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://127.0.0.1:1/api/v1/namespaces/default/pods");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task GET_passes_through()
    {
        var inner = new CountingHandler();
        using var invoker = new HttpMessageInvoker(new GetOnlyHandler(inner));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:1/version");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(1, inner.Calls);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
