using ChatOps.Hosting;
using ChatOps.Platforms.Local;
using ChatOps.Web.Access;
using ChatOps.Web.Pages;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Web;

/// <summary>Registers the dashboard pages and the access gate; the read ports get empty defaults other features replace.</summary>
public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IPostmortemSource, StoredPostmortems>();
        services.TryAddSingleton<IDiagnosticsAuditSource, StoredDiagnosticsAudit>();
        services.AddSingleton(new Layout(PlaygroundSwitch.IsOn(configuration)));
        services.AddWebAccess(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapWeb(this IEndpointRouteBuilder app)
    {
        WebAssets.Map(app);
        app.MapGet("/", DashboardPage.RenderAsync).ExcludeFromDescription();
        app.MapGet("/incidents/{number}", IncidentPage.RenderAsync).ExcludeFromDescription();
        app.MapGet("/maintenance", MaintenancePage.RenderAsync).ExcludeFromDescription();
        app.MapGet("/audit", AuditPage.RenderAsync).ExcludeFromDescription();
        return app;
    }
}
