using ChatOps.Chat.Commands;
using ChatOps.Storage.Outbox;

namespace ChatOps.Incidents;

/// <summary>Registers the incident lifecycle (the /incident command, its outbox work) and maps the read-only JSON API.</summary>
public static class IncidentsSetup
{
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<IncidentChangesStore>();
        services.AddSingleton<IncidentEffects>();
        services.AddSingleton<IncidentDeclaration>();
        services.AddSingleton<IncidentUpdates>();
        services.AddSingleton<IncidentLifecycle>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<ICommandModule, IncidentModule>();
        services.AddSingleton<IOutboxHandler, IncidentChannelProvisioner>();
        services.AddSingleton<IOutboxHandler, IncidentRefresher>();
        services.AddSingleton<IOutboxHandler, IncidentInviter>();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        IncidentApi.Map(app);
        return app;
    }
}
