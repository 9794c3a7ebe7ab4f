using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace ChatOps.Web.Access;

/// <summary>
/// Runs before every endpoint: lets open paths through, accepts a Slack sign-in cookie or a
/// trusted proxy's user header, lets loopback through when no sign-in is configured, and refuses
/// everything else with the reason (403), or sends a browser to "Sign in with Slack".
/// </summary>
public sealed partial class AccessGate(RequestDelegate next, AccessPolicy policy, WebAccessOptions options, ILogger<AccessGate> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var signedIn = http.User.Identity is { IsAuthenticated: true } identity ? identity.Name ?? "signed-in user" : null;
        var proxyUser = options.UsesProxyUser ? request.Headers[options.UserHeader!].ToString() : null;
        var decision = policy.Decide(request.Path, request.Method, http.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"].ToString(), proxyUser, signedIn, request.Host.Value);
        switch (decision.Verdict)
        {
            case AccessVerdict.Allow:
                if (decision.User is not null && signedIn is null)
                {
                    http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, decision.User)], "proxy", ClaimTypes.Name, ClaimTypes.Role));
                }

                await next(http);
                return;
            case AccessVerdict.Challenge:
                await http.ChallengeAsync(WebAccessSetup.SlackScheme, new AuthenticationProperties { RedirectUri = request.PathBase + request.Path + request.QueryString });
                return;
            default:
                LogRefused(logger, request.Method, request.Path.Value ?? string.Empty, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(decision.Reason ?? "Forbidden.", http.RequestAborted);
                return;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} from {Peer}: not signed in")]
    private static partial void LogRefused(ILogger logger, string method, string path, string peer);
}
