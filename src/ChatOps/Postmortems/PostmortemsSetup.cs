namespace ChatOps.Postmortems;

/// <summary>Registers the Postmortems feature and maps its endpoints.</summary>
public static class PostmortemsSetup
{
    public static IServiceCollection AddPostmortems(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapPostmortems(this IEndpointRouteBuilder app) => app;
}
