namespace ChatOps.Maintenance;

/// <summary>Registers the Maintenance feature and maps its endpoints.</summary>
public static class MaintenanceSetup
{
    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapMaintenance(this IEndpointRouteBuilder app) => app;
}
