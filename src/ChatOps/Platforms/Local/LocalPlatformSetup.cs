using ChatOps.Chat;
using ChatOps.Web;

namespace ChatOps.Platforms.Local;

/// <summary>
/// Registers the local playground platform and its page when <see cref="PlaygroundSwitch"/> says so;
/// otherwise nothing is registered and /playground answers 404.
/// </summary>
public static class LocalPlatformSetup
{
    public static IServiceCollection AddLocalPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        if (!PlaygroundSwitch.IsOn(configuration))
        {
            return services;
        }

        services.AddSingleton<LocalChatStore>();
        services.AddSingleton<LocalPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<LocalPlatform>());
        services.AddSingleton<Playground>();
        return services;
    }

    public static IEndpointRouteBuilder MapLocalPlatform(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<LocalPlatform>() is null)
        {
            return app;
        }

        app.MapGet("/playground", (HttpContext http, Layout layout) => PlaygroundPage.Render(http, layout)).ExcludeFromDescription();
        PlaygroundApi.Map(app);
        return app;
    }
}
