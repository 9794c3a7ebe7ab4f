using ChatOps.Chat.Commands;
using ChatOps.Maintenance.Announcements;
using ChatOps.Maintenance.Commands;
using ChatOps.Maintenance.Timers;
using ChatOps.Storage.Outbox;

namespace ChatOps.Maintenance;

/// <summary>Registers the Maintenance feature and maps its endpoints.</summary>
public static class MaintenanceSetup
{
    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration; // Options are bound with validation in ChatOpsApp.
        services.AddSingleton<MaintenanceStore>();
        services.AddSingleton<MaintenanceAnnouncer>();
        services.AddSingleton<MaintenanceTimers>();
        services.AddSingleton<MaintenanceService>();
        services.AddSingleton<ScheduleCommand>();
        services.AddSingleton<WindowCommands>();
        services.AddSingleton<ICommandModule, MaintCommandModule>();
        services.AddSingleton<IOutboxHandler, MaintenancePlanHandler>();
        services.AddSingleton<IOutboxHandler, DeferredScheduleHandler>();
        services.AddTransient<MaintenanceAnnouncementJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapMaintenance(this IEndpointRouteBuilder app)
    {
        MaintenanceEndpoints.Map(app);
        return app;
    }
}
