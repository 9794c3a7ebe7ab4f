using ChatOps.Chat.Events;
using ChatOps.Storage.Outbox;

namespace ChatOps.Timeline;

/// <summary>Registers the Timeline feature and maps its endpoints.</summary>
public static class TimelineSetup
{
    public static IServiceCollection AddTimeline(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<IDeliveryFailureRecorder, DeliveryFailureRecorder>();
        services.AddSingleton<IChannelEventSink, TimelineIngestor>();
        return services;
    }

    public static IEndpointRouteBuilder MapTimeline(this IEndpointRouteBuilder app) => app;
}
