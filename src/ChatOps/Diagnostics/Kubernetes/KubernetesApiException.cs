namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>What went wrong with one API call, in words a responder can act on.</summary>
public enum KubernetesFailure
{
    Unreachable,
    Timeout,
    Unauthorized,
    Forbidden,
    NotFound,
    Throttled,
    Expired,
    BadRequest,
    ServerError,
    Unavailable,
}

/// <summary>
/// A failed API call. <see cref="Exception.Message"/> is the readable explanation (a 403 names the
/// missing permission); <see cref="Etcd"/> is set when the server blamed etcd.
/// </summary>
public sealed class KubernetesApiException(string message, KubernetesFailure failure, int? statusCode = null, string? continueToken = null, Exception? inner = null)
    : Exception(message, inner)
{
    public KubernetesFailure Failure { get; } = failure;

    public int? StatusCode { get; } = statusCode;

    /// <summary>The fresh token a 410 may carry for an inconsistent continuation.</summary>
    public string? ContinueToken { get; } = continueToken;

    public bool Etcd => Message.Contains("etcdserver", StringComparison.OrdinalIgnoreCase);
}
