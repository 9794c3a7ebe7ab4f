using ChatOps.Chat;
using ChatOps.Chat.Http;
using ChatOps.Hosting;
using ChatOps.Platforms.Slack.Api;
using ChatOps.Platforms.Slack.Inbound;
using Microsoft.Extensions.Options;

namespace ChatOps.Platforms.Slack;

/// <summary>
/// Registers the Slack platform and maps its webhooks, only when Slack is configured (signing
/// secret and bot token). Otherwise nothing is registered and /slack/* answers 404.
/// </summary>
public static class SlackSetup
{
    public const string CommandsPath = "/slack/commands";
    public const string EventsPath = "/slack/events";
    public const string InteractionsPath = "/slack/interactions";

    /// <summary>Every webhook path, as infra/slack/app-manifest.yaml must list them (a test compares).</summary>
    public static IReadOnlyList<string> Paths { get; } = [CommandsPath, EventsPath, InteractionsPath];

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.Read<SlackOptions>(SlackOptions.Section);
        if (!options.Enabled)
        {
            return services;
        }

        AddClient(services, SlackApi.DeliveryClient, OutboundRetry.Delivery, TimeSpan.FromMinutes(3));
        AddClient(services, SlackApi.InlineClient, OutboundRetry.Inline, TimeSpan.FromSeconds(3));
        services.AddSingleton<SlackApi>();
        services.AddSingleton<SlackChatApi>();
        services.AddSingleton<SlackConversationsApi>();
        services.AddSingleton<SlackFilesApi>();
        services.AddSingleton<SlackViewsApi>();
        services.AddSingleton<SlackUsersApi>();
        services.AddSingleton<SlackPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SlackPlatform>());

        services.AddSingleton<SlackRequestReader>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackEventHandler>();
        services.AddSingleton<SlackInteractionHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPost(CommandsPath, (HttpContext http, SlackCommandHandler handler, CancellationToken ct) => handler.HandleAsync(http, ct))
            .AddEndpointFilter<DatabaseUnavailableFilter>().ExcludeFromDescription();
        app.MapPost(EventsPath, (HttpContext http, SlackEventHandler handler, CancellationToken ct) => handler.HandleAsync(http, ct))
            .AddEndpointFilter<DatabaseUnavailableFilter>().ExcludeFromDescription();
        app.MapPost(InteractionsPath, (HttpContext http, SlackInteractionHandler handler, CancellationToken ct) => handler.HandleAsync(http, ct))
            .AddEndpointFilter<DatabaseUnavailableFilter>().ExcludeFromDescription();
        return app;
    }

    /// <summary>The shared Polly pipeline in the handler chain; no request logging, since response and upload URLs are credentials.</summary>
    private static void AddClient(IServiceCollection services, string name, OutboundRetry retry, TimeSpan overall) =>
        services.AddHttpClient(name, client => client.Timeout = overall)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ResilientHttpHandler(retry.Build(sp.GetRequiredService<TimeProvider>())));
}
