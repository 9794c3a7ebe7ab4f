namespace ChatOps.Platforms.Local;

/// <summary>Registers the LocalPlatform feature and maps its endpoints.</summary>
public static class LocalPlatformSetup
{
    public static IServiceCollection AddLocalPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapLocalPlatform(this IEndpointRouteBuilder app) => app;
}
