using System.Security.Cryptography.X509Certificates;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>
/// Everything needed to talk to one API server, resolved from in-cluster files or a kubeconfig.
/// The token comes from <see cref="Token"/> on every request so a rotated file is picked up.
/// </summary>
public sealed record ClusterConnection(
    string Name,
    Uri Server,
    ITokenSource? Token,
    CaBundle? CertificateAuthority,
    X509Certificate2? ClientCertificate,
    bool InsecureSkipTlsVerify,
    string? TlsServerName,
    string? DefaultNamespace);

/// <summary>A bearer token; implementations decide how long a read value may be reused.</summary>
public interface ITokenSource
{
    string? Current();

    /// <summary>Forget the cached value (after a 401) so the next call reads it again.</summary>
    void Invalidate();
}

public sealed class StaticToken(string token) : ITokenSource
{
    public string? Current() => token;

    public void Invalidate()
    {
    }
}

/// <summary>
/// A token file (projected service account token, kubeconfig tokenFile). Kubelet rotates the file
/// well before expiry and swaps it atomically, so it is opened by path again at most a minute after
/// the last read (client-go does the same) and never cached for the process lifetime.
/// </summary>
public sealed class FileToken(string path, TimeProvider clock, TimeSpan? maxAge = null) : ITokenSource
{
    private readonly TimeSpan _maxAge = maxAge ?? TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private string? _value;
    private DateTimeOffset _readAt;

    public string Path => path;

    public string? Current()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_value is null || now - _readAt >= _maxAge)
            {
                _value = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
                _readAt = now;
            }

            return _value;
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _value = null;
        }
    }
}

/// <summary>
/// Trusted roots for the API server. The in-cluster bundle is a file that is re-read every ten
/// minutes, so a CA rotation does not need a restart.
/// </summary>
public sealed class CaBundle
{
    private readonly string? _path;
    private readonly TimeProvider? _clock;
    private readonly Lock _gate = new();
    private X509Certificate2Collection _certificates;
    private DateTimeOffset _readAt;

    public CaBundle(X509Certificate2Collection certificates)
    {
        _certificates = certificates;
    }

    public CaBundle(string path, TimeProvider clock)
    {
        _path = path;
        _clock = clock;
        _certificates = Read(path);
        _readAt = clock.GetUtcNow();
    }

    public X509Certificate2Collection Current()
    {
        if (_path is null || _clock is null)
        {
            return _certificates;
        }

        lock (_gate)
        {
            if (_clock.GetUtcNow() - _readAt >= TimeSpan.FromMinutes(10) && File.Exists(_path))
            {
                _certificates = Read(_path);
                _readAt = _clock.GetUtcNow();
            }

            return _certificates;
        }
    }

    public static X509Certificate2Collection FromPem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    private static X509Certificate2Collection Read(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }
}
