using System.Net;
using ChatOps.Web;
using ChatOps.Web.Access;

namespace ChatOps.Tests.Web;

/// <summary>Who may see pages and /api: every rule of the gate, without a network.</summary>
public sealed class AccessPolicyTests
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/4")]
    [InlineData("/api/incidents")]
    [InlineData("/playground/api/send")]
    public void Without_sign_in_only_loopback_is_answered(string path)
    {
        var policy = new AccessPolicy(new WebAccessOptions());

        Assert.Equal(AccessVerdict.Allow, policy.Decide(path, "GET", Loopback, null, null, null).Verdict);
        Assert.Equal(AccessVerdict.Allow, policy.Decide(path, "GET", IPAddress.IPv6Loopback, null, null, null).Verdict);
        var refused = policy.Decide(path, "GET", Remote, null, null, null);
        Assert.Equal(AccessVerdict.Refuse, refused.Verdict);
        Assert.Contains("203.0.113.9", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide(path, "GET", null, null, null, null).Verdict);
    }

    [Theory]
    [InlineData("/slack/events")]
    [InlineData("/api/messages")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/maintenance.ics")]
    [InlineData("/assets/site.css")]
    public void Webhooks_probes_the_calendar_and_assets_are_never_gated(string path) =>
        Assert.Equal(AccessVerdict.Allow, new AccessPolicy(new WebAccessOptions()).Decide(path, "POST", Remote, null, null, null).Verdict);

    [Theory]
    [InlineData("localhost:5080", true)]
    [InlineData("127.0.0.1:5080", true)]
    [InlineData("[::1]:5080", true)]
    [InlineData("app.localhost", true)]
    [InlineData("evil.example.com:5080", false)]
    [InlineData("", false)]
    public void Loopback_gets_in_only_under_a_local_host_name_so_dns_rebinding_does_not(string host, bool allowed)
    {
        var decision = new AccessPolicy(new WebAccessOptions()).Decide("/playground/api/send", "POST", Loopback, null, null, null, host);

        Assert.Equal(allowed ? AccessVerdict.Allow : AccessVerdict.Refuse, decision.Verdict);
    }

    [Fact]
    public void A_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        var policy = new AccessPolicy(new WebAccessOptions());

        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/", "GET", Remote, "127.0.0.1", null, null).Verdict);
    }

    [Fact]
    public void Behind_a_trusted_proxy_the_nearest_untrusted_forwarded_address_is_the_client()
    {
        var options = Options(o => o.TrustedProxies.Add("10.0.0.0/24"));
        var policy = new AccessPolicy(options);

        Assert.Equal(AccessVerdict.Allow, policy.Decide("/", "GET", Proxy, "127.0.0.1", null, null).Verdict);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/", "GET", Proxy, "127.0.0.1, 203.0.113.9", null, null).Verdict);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/", "GET", Proxy, "203.0.113.9, 10.0.0.7", null, null).Verdict);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/", "GET", Proxy, "not-an-ip", null, null).Verdict);
        Assert.Equal(AccessVerdict.Allow, policy.Decide("/", "GET", Proxy.MapToIPv6(), "::1", null, null).Verdict);
    }

    [Fact]
    public void The_user_header_counts_only_from_a_trusted_proxy_and_then_loopback_is_no_free_pass()
    {
        var policy = new AccessPolicy(Options(o =>
        {
            o.TrustedProxies.Add("10.0.0.5");
            o.UserHeader = "X-Auth-Request-Email";
        }));

        var allowed = policy.Decide("/", "GET", Proxy, "203.0.113.9", "carol@example.com", null);
        Assert.Equal(AccessVerdict.Allow, allowed.Verdict);
        Assert.Equal("carol@example.com", allowed.User);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/", "GET", Remote, null, "mallory@example.com", null).Verdict);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/", "GET", Loopback, null, null, null).Verdict);
        Assert.Equal(AccessVerdict.Allow, policy.Decide("/", "GET", Loopback, null, null, "signed-in").Verdict);
    }

    [Fact]
    public void With_slack_sign_in_browsers_are_challenged_and_api_calls_refused()
    {
        var policy = new AccessPolicy(Options(o =>
        {
            o.SlackSignIn.ClientId = "1.2";
            o.SlackSignIn.ClientSecret = "s";
            o.SlackSignIn.TeamId = "T1";
        }));

        Assert.Equal(AccessVerdict.Challenge, policy.Decide("/incidents/1", "GET", Remote, null, null, null).Verdict);
        Assert.Equal(AccessVerdict.Challenge, policy.Decide("/", "GET", Loopback, null, null, null).Verdict);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/api/incidents", "GET", Remote, null, null, null).Verdict);
        Assert.Equal(AccessVerdict.Refuse, policy.Decide("/playground/api/send", "POST", Remote, null, null, null).Verdict);
        Assert.Equal(AccessVerdict.Allow, policy.Decide("/api/incidents", "GET", Remote, null, null, "Carol").Verdict);
    }

    [Fact]
    public void Half_configured_access_is_refused_at_start_up()
    {
        Assert.Contains(Options(o => o.UserHeader = "X-User").Validate(), e => e.Contains("TrustedProxies is required", StringComparison.Ordinal));
        Assert.Contains(Options(o => o.TrustedProxies.Add("10.0.0.300")).Validate(), e => e.Contains("not an IP address", StringComparison.Ordinal));
        Assert.Contains(Options(o => o.SlackSignIn.ClientId = "1.2").Validate(), e => e.Contains("ClientSecret is required", StringComparison.Ordinal));
        Assert.Contains(Options(o => { o.SlackSignIn.ClientId = "1.2"; o.SlackSignIn.ClientSecret = "s"; }).Validate(), e => e.Contains("TeamId is required", StringComparison.Ordinal));
        Assert.Contains(Options(o => o.SlackSignIn.Authority = new Uri("http://slack.example.com")).Validate(), e => e.Contains("https", StringComparison.Ordinal));
        Assert.Empty(Options(o => o.TrustedProxies.Add("fd00::/8")).Validate());
    }

    private static WebAccessOptions Options(Action<WebAccessOptions> configure)
    {
        var options = new WebAccessOptions();
        configure(options);
        return options;
    }
}
