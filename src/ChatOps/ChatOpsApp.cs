using ChatOps.Chat;
using ChatOps.Diagnostics;
using ChatOps.Diagnostics.Kubernetes;
using ChatOps.Hosting;
using ChatOps.Incidents;
using ChatOps.Postmortems;
using ChatOps.Reminders;
using ChatOps.Maintenance;
using ChatOps.Platforms.Local;
using ChatOps.Platforms.Slack;
using ChatOps.Platforms.Teams;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;
using ChatOps.Web;
using ChatOps.Web.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOps;

/// <summary>Composition root: what Program.cs and the integration tests both start.</summary>
public static class ChatOpsApp
{
    /// <summary>
    /// Builds the app. <paramref name="customize"/> runs before the product registrations (tests add
    /// configuration or a clock there); <paramref name="replace"/> runs after them (tests swap in fakes).
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null, Action<IServiceCollection>? replace = null)
    {
        // Content root is the build output, so configuration files are found whatever the
        // working directory (dotnet run from the repository root, a container's /app).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        customize?.Invoke(builder);
        builder.AddChatOps();
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapChatOps();
        return app;
    }

    /// <summary>Validates options and applies migrations; call before starting the host.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct = default)
    {
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
    }

    /// <summary>The process entry point: one clear line and exit code 1 for any start-up problem.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            await PrepareAsync(app);
            await app.StartAsync();
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"chatops: cannot start: {StartupFailure.Describe(ex)}");
            return 1;
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    public static WebApplicationBuilder AddChatOps(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        DapperSetup.Configure();
        services.TryAddSingleton(TimeProvider.System);
        var clock = services.Last(d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance as TimeProvider ?? TimeProvider.System;

        services.AddChatOpsOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddChatOpsOptions<OutboxOptions>(configuration, OutboxOptions.Section);
        services.AddChatOpsOptions<SchedulerOptions>(configuration, SchedulerOptions.Section);
        services.AddChatOpsOptions<IncidentsOptions>(configuration, IncidentsOptions.Section, o => o.Validate());
        services.AddChatOpsOptions<MaintenanceOptions>(configuration, MaintenanceOptions.Section, o => o.Validate());
        services.AddChatOpsOptions<DiagnosticsOptions>(configuration, DiagnosticsOptions.Section, o => o.Validate());
        services.AddChatOpsOptions<KubernetesOptions>(configuration, KubernetesOptions.Section, o => o.Validate());
        services.AddChatOpsOptions<SlackOptions>(configuration, SlackOptions.Section, o => o.Validate());
        services.AddChatOpsOptions<TeamsOptions>(configuration, TeamsOptions.Section, o => o.Validate());
        services.AddChatOpsOptions<WebOptions>(configuration, WebOptions.Section, o => o.Validate());

        services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<InboundEventStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<TimelineStore>();

        // Features and platforms, each registering itself from its own folder.
        services.AddChat();
        services.AddIncidents(configuration);
        services.AddTimeline(configuration);
        services.AddReminders(configuration);
        services.AddMaintenance(configuration);
        services.AddDiagnostics(configuration);
        services.AddPostmortems(configuration);
        services.AddSlack(configuration);
        services.AddTeams(configuration);
        services.AddLocalPlatform(configuration);
        services.AddWeb(configuration);

        services.AddChatOpsScheduler(
            configuration.Read<StorageOptions>(StorageOptions.Section),
            configuration.Read<SchedulerOptions>(SchedulerOptions.Section),
            clock);
        return builder;
    }

    public static WebApplication MapChatOps(this WebApplication app)
    {
        // Before any endpoint runs: pages and /api answer remote callers only when signed in.
        app.UseWebAccess();
        app.MapHealth();
        app.MapIncidents();
        app.MapTimeline();
        app.MapReminders();
        app.MapMaintenance();
        app.MapDiagnostics();
        app.MapPostmortems();
        app.MapSlack();
        app.MapTeams();
        app.MapLocalPlatform();
        app.MapWeb();
        return app;
    }
}
