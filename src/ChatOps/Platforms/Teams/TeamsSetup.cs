using ChatOps.Chat;
using ChatOps.Chat.Http;
using ChatOps.Hosting;
using ChatOps.Platforms.Teams.Api;
using ChatOps.Platforms.Teams.Auth;
using ChatOps.Platforms.Teams.Inbound;
using ChatOps.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Teams;

/// <summary>
/// Registers the Teams platform and maps POST /api/messages, only when Teams is configured (app id
/// and password). Otherwise nothing is registered and the path answers 404.
/// </summary>
public static class TeamsSetup
{
    public const string MessagesPath = "/api/messages";

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.Read<TeamsOptions>(TeamsOptions.Section);
        if (!options.Enabled)
        {
            return services;
        }

        // Connector and Graph share the outbox's patient retry pipeline; no request logging (bearer tokens).
        services.AddHttpClient(TeamsHttp.ClientName, client => client.Timeout = TimeSpan.FromMinutes(3))
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ResilientHttpHandler(OutboundRetry.Delivery.Build(sp.GetRequiredService<TimeProvider>())));
        services.AddHttpClient(TeamsTokens.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddHttpClient(BotFrameworkKeys.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();

        services.AddSingleton<MsalHttpClients>();
        services.AddSingleton<TeamsTokens>();
        services.AddSingleton<TeamsHttp>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<GraphClient>();
        services.AddSingleton<TeamsConversationStore>();
        services.AddSingleton<TeamsPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<TeamsPlatform>());
        services.AddSingleton<IOutboxHandler, TeamsFormHandler>();

        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<BotTokenValidator>();
        services.AddSingleton<TeamsCommandRunner>();
        services.AddSingleton<TeamsActivityHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPost(MessagesPath, (HttpContext http, TeamsActivityHandler handler, CancellationToken ct) => handler.HandleAsync(http, ct)).ExcludeFromDescription();
        return app;
    }
}
