namespace ChatOps.Diagnostics;

/// <summary>Registers the Diagnostics feature and maps its endpoints.</summary>
public static class DiagnosticsSetup
{
    public static IServiceCollection AddDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder app) => app;
}
