namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// The last handler before the socket: refuses any method but GET. The client never builds another
/// method, so this only fires if someone changes that; it makes "read-only" a property of the
/// transport rather than of every call site.
/// </summary>
public sealed class GetOnlyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Method == HttpMethod.Get
            ? base.SendAsync(request, cancellationToken)
            : throw new InvalidOperationException($"the Kubernetes client is read-only: {request.Method} {request.RequestUri?.AbsolutePath} refused");

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Method == HttpMethod.Get
            ? base.Send(request, cancellationToken)
            : throw new InvalidOperationException($"the Kubernetes client is read-only: {request.Method} {request.RequestUri?.AbsolutePath} refused");
}
