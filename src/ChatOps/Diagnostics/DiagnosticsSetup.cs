using ChatOps.Chat.Commands;
using ChatOps.Diagnostics.Audit;
using ChatOps.Diagnostics.Commands;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Diagnostics.Triage;
using ChatOps.Storage.Outbox;

namespace ChatOps.Diagnostics;

/// <summary>Registers the Diagnostics feature and maps its endpoints.</summary>
public static class DiagnosticsSetup
{
    public static IServiceCollection AddDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration; // Options are bound with validation in ChatOpsApp.
        services.AddSingleton<KubernetesClusters>();
        services.AddSingleton<DiagnosticsAuditStore>();
        services.AddSingleton<DiagAccess>();
        services.AddSingleton<TriageRunner>();
        services.AddSingleton<ResourceQueries>();
        services.AddSingleton<DiagQueries>();
        services.AddSingleton<ICommandModule, DiagCommandModule>();
        services.AddSingleton<IOutboxHandler, DiagRunHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder app) => app;
}
