using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ChatOps.Diagnostics.Kubernetes;

/// <summary>The socket handler for one cluster: its CA bundle, client certificate and TLS server name, wrapped in <see cref="GetOnlyHandler"/>.</summary>
internal static class KubernetesTransport
{
    public static HttpMessageHandler Create(ClusterConnection connection)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
            UseProxy = false,
        };
        sockets.SslOptions.TargetHost = connection.TlsServerName;
        if (connection.ClientCertificate is { } certificate)
        {
            sockets.SslOptions.ClientCertificates = [certificate];
        }

        sockets.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => Validate(connection, cert, errors);
        return new GetOnlyHandler(sockets);
    }

    private static bool Validate(ClusterConnection connection, X509Certificate? certificate, SslPolicyErrors errors)
    {
        // Honoured only when the kubeconfig says so explicitly (insecure-skip-tls-verify: true).
        if (connection.InsecureSkipTlsVerify || errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (connection.CertificateAuthority is not { } ca || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca.Current());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
