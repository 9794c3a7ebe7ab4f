using ChatOps.Diagnostics;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Diagnostics;

/// <summary>appsettings.example.json documents the Kubernetes and Diagnostics keys with the code's defaults.</summary>
public sealed class DiagnosticsOptionsTests
{
    private static readonly IConfiguration Example = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "TestData", "appsettings.example.json"))
        .Build();

    [Fact]
    public void The_example_defaults_match_the_code_defaults_and_validate()
    {
        var kubernetes = Example.Read<KubernetesOptions>(KubernetesOptions.Section);
        var diagnostics = Example.Read<DiagnosticsOptions>(DiagnosticsOptions.Section);
        var k = new KubernetesOptions();
        var d = new DiagnosticsOptions();

        Assert.Equal((k.RequestTimeout, k.PageSize, k.MaxThrottleRetries, k.MaxRetryAfter),
            (kubernetes.RequestTimeout, kubernetes.PageSize, kubernetes.MaxThrottleRetries, kubernetes.MaxRetryAfter));
        Assert.Equal((d.RunsPerUser, d.RateWindow, d.TriageDeadline, d.MaxItems),
            (diagnostics.RunsPerUser, diagnostics.RateWindow, diagnostics.TriageDeadline, diagnostics.MaxItems));
        Assert.Empty(kubernetes.Validate());
        Assert.Empty(diagnostics.Validate());
        Assert.Empty(diagnostics.AllowedUsers);
    }

    [Fact]
    public void Out_of_range_values_are_named()
    {
        var errors = new KubernetesOptions { PageSize = 0, RequestTimeout = TimeSpan.FromMinutes(5) }.Validate()
            .Concat(new DiagnosticsOptions { RunsPerUser = 0, MaxItems = 500 }.Validate())
            .ToList();

        Assert.Contains(errors, e => e.StartsWith("Kubernetes:PageSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Kubernetes:RequestTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Diagnostics:RunsPerUser", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Diagnostics:MaxItems", StringComparison.Ordinal));
    }
}
