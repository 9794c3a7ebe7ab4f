using ChatOps.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOps.Web.Access;

/// <summary>Sign-in with Slack (OpenID Connect, one workspace), the trusted-proxy header, and the gate in front of pages and /api.</summary>
public static class WebAccessSetup
{
    public const string SlackScheme = "Slack";
    public const string CallbackPath = "/signin-slack";

    /// <summary>The claim Slack puts the workspace id in.</summary>
    public const string TeamClaim = "https://slack.com/team_id";

    public static IServiceCollection AddWebAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var access = configuration.Read<WebOptions>(WebOptions.Section).Access;
        services.AddSingleton(access);
        services.AddSingleton(new AccessPolicy(access));
        if (!access.SlackSignIn.Enabled)
        {
            return services;
        }

        var slack = access.SlackSignIn;
        services.AddSingleton<DatabaseKeyRepository>();
        services.AddDataProtection().SetApplicationName("chatops");
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseKeyRepository>((o, keys) => o.XmlRepository = keys);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = SlackScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "chatops.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddOpenIdConnect(SlackScheme, "Slack", o =>
            {
                o.Authority = slack.Authority.ToString().TrimEnd('/');
                o.RequireHttpsMetadata = slack.Authority.Scheme == Uri.UriSchemeHttps;
                o.ClientId = slack.ClientId;
                o.ClientSecret = slack.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                // Slack answers the authorization request with a redirect carrying the code, not a form post.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CallbackPath = CallbackPath;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    // Slack skips its workspace picker when told which workspace to sign in to.
                    context.ProtocolMessage.SetParameter("team", slack.TeamId);
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = async context =>
                {
                    // A refused or broken sign-in is the visitor's problem to hear about, not a 500.
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(
                        $"Sign-in with Slack did not complete: {context.Failure?.Message ?? "unknown error"}. Only members of the configured workspace can sign in.",
                        context.HttpContext.RequestAborted);
                };
                o.Events.OnTokenValidated = context =>
                {
                    var team = context.Principal?.FindFirst(TeamClaim)?.Value;
                    if (!string.Equals(team, slack.TeamId, StringComparison.Ordinal))
                    {
                        context.Fail($"members of workspace {slack.TeamId} only");
                    }

                    return Task.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>Authentication (when configured) and the gate, ahead of every endpoint.</summary>
    public static IApplicationBuilder UseWebAccess(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<WebAccessOptions>().SlackSignIn.Enabled)
        {
            app.UseAuthentication();
        }

        return app.UseMiddleware<AccessGate>();
    }
}
