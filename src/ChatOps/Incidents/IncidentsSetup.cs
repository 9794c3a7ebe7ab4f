namespace ChatOps.Incidents;

/// <summary>Registers the Incidents feature and maps its endpoints.</summary>
public static class IncidentsSetup
{
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app) => app;
}
