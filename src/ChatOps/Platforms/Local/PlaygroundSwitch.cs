using ChatOps.Hosting;
using ChatOps.Platforms.Slack;
using ChatOps.Platforms.Teams;
using ChatOps.Web;

namespace ChatOps.Platforms.Local;

/// <summary>
/// The playground is on when no real chat platform is configured (the default <c>dotnet run</c>),
/// and otherwise only when <c>Web:Playground</c> is true. <c>Web:Playground=false</c> turns it off.
/// </summary>
public static class PlaygroundSwitch
{
    public static bool IsOn(IConfiguration configuration)
    {
        var web = configuration.Read<WebOptions>(WebOptions.Section);
        if (web.Playground is { } explicitly)
        {
            return explicitly;
        }

        return !configuration.Read<SlackOptions>(SlackOptions.Section).Enabled
            && !configuration.Read<TeamsOptions>(TeamsOptions.Section).Enabled;
    }
}
