using ChatOps.Chat.Commands;
using ChatOps.Chat.Delivery;
using ChatOps.Storage.Outbox;

namespace ChatOps.Chat;

public static class ChatSetup
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddSingleton<ChatPlatforms>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<ChatDelivery>();
        services.AddSingleton<PostedMessageStore>();
        services.AddSingleton<IOutboxHandler, PostHandler>();
        services.AddSingleton<IOutboxHandler, DirectHandler>();
        services.AddSingleton<IOutboxHandler, ReplyHandler>();
        services.AddSingleton<IOutboxHandler, UpdateHandler>();
        services.AddSingleton<IOutboxHandler, UploadHandler>();
        return services;
    }
}
