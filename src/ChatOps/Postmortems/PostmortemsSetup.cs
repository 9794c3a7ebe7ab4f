using ChatOps.Hosting;
using ChatOps.Storage.Outbox;

namespace ChatOps.Postmortems;

/// <summary>Registers the Postmortems feature (options, store, the postmortem.draft handler) and maps its endpoint.</summary>
public static class PostmortemsSetup
{
    public static IServiceCollection AddPostmortems(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChatOpsOptions<PostmortemsOptions>(configuration, PostmortemsOptions.Section, o => o.Validate());
        services.AddSingleton<PostmortemStore>();
        services.AddSingleton<IOutboxHandler, PostmortemDraftHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapPostmortems(this IEndpointRouteBuilder app)
    {
        PostmortemEndpoints.Map(app);
        return app;
    }
}
