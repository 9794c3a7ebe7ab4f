using System.Globalization;
using System.Net;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using ChatOps.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Web;

/// <summary>The manager's view: overdue updates, maintenance notice, approvals and checklist, the audit page, the postmortem.</summary>
public sealed class DashboardTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task The_dashboard_flags_an_overdue_update_and_lists_maintenance_with_notice_approval_and_checklist(StorageProvider provider)
    {
        var clock = new OffsetClock();
        var settings = new Dictionary<string, string?> { ["Maintenance:Approvers:0"] = "carol", ["Web:RefreshSeconds"] = "15" };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider), settings, clock);
        var pg = new PlaygroundClient(app);

        await pg.SayAsync("alice", "general", "/incident declare sev1 API down");
        var channel = await pg.WaitForChannelAsync("alice", "inc-1");
        await pg.SayAsync("alice", channel, "/incident status Investigating the load balancer");
        clock.Jump(TimeSpan.FromMinutes(20));

        var dashboard = await pg.PageAsync("/");
        Assert.Contains("<a href=\"/incidents/1\">INC-1</a> API down", dashboard, StringComparison.Ordinal);
        Assert.Contains("Investigating the load balancer", dashboard, StringComparison.Ordinal);
        Assert.Contains("<span class=\"overdue\">overdue by 5m</span>", dashboard, StringComparison.Ordinal);
        Assert.Contains("<td>alice</td>", dashboard, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"15\">", await pg.PageAsync("/incidents/1"), StringComparison.Ordinal);

        var start = clock.GetUtcNow().AddDays(6).AddMinutes(1);
        await pg.SayAsync("bob", "general", $"/maint schedule {Iso(start)} 2h Upgrade prod-eu --scope prod-eu");
        await pg.WaitForAsync("bob", "general", "MW-1");
        await pg.SayAsync("bob", "general", "/maint checklist 1 rollback https://wiki.example.com/rollback");
        await pg.SayAsync("bob", "general", $"/maint emergency {Iso(clock.GetUtcNow().AddHours(2))} 30m Rotate certificates --reason certs expire tonight");
        await pg.WaitForAsync("bob", "general", "MW-2");

        var maintenance = await pg.PageAsync("/maintenance");
        Assert.Contains("MW-1 Upgrade prod-eu", maintenance, StringComparison.Ordinal);
        Assert.Contains("<td>6d 0h</td>", maintenance, StringComparison.Ordinal);
        Assert.Contains("✓ rollback plan link: https://wiki.example.com/rollback", maintenance, StringComparison.Ordinal);
        Assert.Contains("✗ last verified backup (date)", maintenance, StringComparison.Ordinal);
        Assert.Contains("emergency (certs expire tonight), awaiting approval", maintenance, StringComparison.Ordinal);
        Assert.Contains("not approved", await pg.PageAsync("/audit"), StringComparison.Ordinal);

        await pg.SayAsync("carol", "general", "/maint approve 2");
        await Eventually.TrueAsync(async () => (await pg.PageAsync("/audit")).Contains("approved by carol", StringComparison.Ordinal), "the approval is on the audit page");
        var upcoming = await pg.PageAsync("/");
        Assert.Contains("MW-1 Upgrade prod-eu", upcoming, StringComparison.Ordinal);
        Assert.Contains("href=\"/maintenance.ics\"", upcoming, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incident_page_renders_the_postmortem_sanitised_and_the_audit_page_lists_diag_runs()
    {
        var postmortem = "# INC-1 postmortem\n\n## What happened\n\nThe <script>alert(1)</script> deploy broke checkout. [runbook](javascript:alert(2))\n";
        var runs = new[] { new DiagnosticsRunView(DateTimeOffset.UtcNow, "local", "alice", "/diag pods payments", "prod-eu", 1, "allowed", "3 pods CrashLoopBackOff") };
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), services: s =>
        {
            s.AddSingleton<IPostmortemSource>(new FixedPostmortem(postmortem));
            s.AddSingleton<IDiagnosticsAuditSource>(new FixedRuns(runs));
        });
        var pg = new PlaygroundClient(app);
        await pg.SayAsync("alice", "general", "/incident declare sev3 Checkout broken");
        await pg.WaitForChannelAsync("alice", "inc-1");

        var page = await pg.PageAsync("/incidents/1");
        Assert.Contains("<article class=\"postmortem\" id=\"postmortem\"><h1", page, StringComparison.Ordinal);
        Assert.Contains("What happened</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal);

        var audit = await pg.PageAsync("/audit");
        Assert.Contains("<code>/diag pods payments</code>", audit, StringComparison.Ordinal);
        Assert.Contains("3 pods CrashLoopBackOff", audit, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/incidents/1\">INC-1</a>", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_or_malformed_incident_numbers_get_a_page_that_says_so()
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite));

        using var missing = await app.Client.GetAsync(new Uri("/incidents/42", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no INC-42.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var bad = await app.Client.GetAsync(new Uri("/incidents/%3Cscript%3E", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync();
        Assert.Contains("is not an incident number", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", bad.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private sealed class FixedPostmortem(string markdown) : IPostmortemSource
    {
        public Task<string?> GetLatestMarkdownAsync(long incidentNumber, CancellationToken ct) => Task.FromResult<string?>(incidentNumber == 1 ? markdown : null);
    }

    private sealed class FixedRuns(IReadOnlyList<DiagnosticsRunView> runs) : IDiagnosticsAuditSource
    {
        public Task<IReadOnlyList<DiagnosticsRunView>> RecentRunsAsync(int limit, CancellationToken ct) => Task.FromResult(runs);
    }
}
