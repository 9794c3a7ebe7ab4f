namespace ChatOps.Platforms.Teams;

/// <summary>Registers the Teams feature and maps its endpoints.</summary>
public static class TeamsSetup
{
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app) => app;
}
