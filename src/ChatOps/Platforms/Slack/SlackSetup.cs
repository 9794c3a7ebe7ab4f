namespace ChatOps.Platforms.Slack;

/// <summary>Registers the Slack feature and maps its endpoints.</summary>
public static class SlackSetup
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app) => app;
}
