namespace ChatOps.Reminders;

/// <summary>Registers the Reminders feature and maps its endpoints.</summary>
public static class RemindersSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app) => app;
}
