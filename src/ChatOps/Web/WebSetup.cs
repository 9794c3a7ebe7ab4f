namespace ChatOps.Web;

/// <summary>Registers the Web feature and maps its endpoints.</summary>
public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapWeb(this IEndpointRouteBuilder app) => app;
}
