using System.Net;
using System.Net.Http.Json;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;

namespace ChatOps.IntegrationTests.Web;

/// <summary>
/// The playground over its HTTP API on the real app: the same command pipeline, outbox and
/// timeline as Slack, with no credentials. The dashboard then shows what happened.
/// </summary>
public sealed class PlaygroundTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Declare_talk_update_resolve_and_close_in_the_playground_then_the_dashboard_shows_it(StorageProvider provider)
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(provider));
        var pg = new PlaygroundClient(app);

        await pg.SayAsync("alice", "general", "/incident declare sev2 Checkout errors <script>alert(1)</script>");
        var declared = await pg.WaitForAsync("alice", "general", "INC-1 declared");
        Assert.True(declared.GetProperty("ephemeral").GetBoolean());
        Assert.DoesNotContain(await pg.MessagesAsync("bob", "general"), m => m.GetProperty("html").GetString()!.Contains("INC-1 declared", StringComparison.Ordinal));

        var channel = await pg.WaitForChannelAsync("bob", "inc-1-checkout-errors");
        var summary = await pg.WaitForAsync("bob", channel, "Post update");
        await Eventually.TrueAsync(async () => (await pg.MessagesAsync("bob", channel)).Any(m => m.GetProperty("pinned").GetBoolean()
            && m.GetProperty("html").GetString()!.Contains("Post update", StringComparison.Ordinal)), "the summary is pinned");
        Assert.Contains("&lt;script&gt;", summary.GetProperty("html").GetString(), StringComparison.Ordinal);
        await pg.WaitForAsync("carol", "incidents", "INC-1 declared");

        await pg.SayAsync("bob", channel, "Payments returns 500s, @alice");
        var bobs = await pg.WaitForAsync("bob", channel, "Payments returns 500s");
        Assert.Contains("@Alice (SRE)", bobs.GetProperty("html").GetString(), StringComparison.Ordinal);
        var id = bobs.GetProperty("id").GetInt64();
        await OkAsync(pg.PostAsync("edit", new { user = "bob", channel, message = id, text = "Payments returns 502s" }));
        await pg.SayAsync("bob", channel, "wrong channel, sorry");
        var mistake = (await pg.WaitForAsync("bob", channel, "wrong channel")).GetProperty("id").GetInt64();
        await OkAsync(pg.PostAsync("delete", new { user = "bob", channel, message = mistake }));
        using (var notYours = await pg.PostAsync("delete", new { user = "alice", channel, message = id }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        }

        await pg.SayAsync("alice", channel, "/incident status Rolling back the payments deploy");
        await pg.WaitForAsync("carol", "incidents", "Rolling back the payments deploy");
        await pg.SayAsync("alice", channel, "/incident resolve Rolled back");
        await pg.SayAsync("alice", channel, "/incident close");
        await pg.WaitForAsync("bob", channel, "Closed by");

        var dashboard = await pg.PageAsync("/");
        Assert.Contains("No active incidents.", dashboard, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/incidents/1\">INC-1</a> Checkout errors &lt;script&gt;", dashboard, StringComparison.Ordinal);

        var page = await pg.PageAsync("/incidents/1");
        Assert.Contains("Rolling back the payments deploy", page, StringComparison.Ordinal);
        Assert.Contains("Payments returns 502s", page, StringComparison.Ordinal);
        Assert.Contains("original: “Payments returns 500s, @alice”", page, StringComparison.Ordinal);
        Assert.Matches("<li class=\"deleted\">.*wrong channel, sorry</span> <em class=\"muted\">deleted by bob", page);
        Assert.Contains("<dd id=\"incident-status\">Closed</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        // The draft is written from the outbox a moment after the close; the page then renders it.
        var rendered = string.Empty;
        await Eventually.TrueAsync(async () => (rendered = await pg.PageAsync("/incidents/1")).Contains("<article class=\"postmortem\"", StringComparison.Ordinal),
            "the postmortem on the incident page", TimeSpan.FromSeconds(30));
        Assert.Contains("Five whys</h2>", rendered, StringComparison.Ordinal);
        Assert.Contains("Rolling back the payments deploy", rendered[rendered.IndexOf("<article class=\"postmortem\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_runs_its_command_and_a_form_takes_the_missing_text()
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite));
        var pg = new PlaygroundClient(app);
        await pg.SayAsync("alice", "general", "/incident declare sev3 Slow search");
        var channel = await pg.WaitForChannelAsync("alice", "inc-1");
        await pg.WaitForAsync("alice", channel, "Post update");

        await OkAsync(pg.PostAsync("click", new { user = "alice", channel, command = "/incident status #1" }));
        var form = await pg.WaitForAsync("alice", channel, "data-form=");
        var formId = form.GetProperty("id").GetInt64();
        Assert.DoesNotContain(await pg.MessagesAsync("bob", channel), m => m.GetProperty("id").GetInt64() == formId);

        var field = System.Text.RegularExpressions.Regex.Match(form.GetProperty("html").GetString()!, "name=\"([^\"]+)\"").Groups[1].Value;
        await OkAsync(pg.PostAsync("submit", new { user = "alice", channel, form = formId, values = new Dictionary<string, string> { [field] = "Index rebuilt" } }));
        await pg.WaitForAsync("bob", channel, "Index rebuilt");
        Assert.DoesNotContain(await pg.MessagesAsync("alice", channel), m => m.GetProperty("id").GetInt64() == formId);
    }

    [Fact]
    public async Task Bad_requests_get_a_reason_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite));
        var pg = new PlaygroundClient(app);

        using var stranger = await pg.PostAsync("send", new { user = "mallory", channel = "general", text = "hi" });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("pick one of alice", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var nowhere = await pg.PostAsync("send", new { user = "alice", channel = "nope", text = "hi" });
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);

        using var empty = await pg.PostAsync("send", new { user = "alice", channel = "general", text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        using var someoneElsesDm = await app.Client.GetAsync(new Uri("/playground/api/channels/dm-bob/messages?user=alice", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, someoneElsesDm.StatusCode);

        // A plain HTML form from another site cannot post here: only JSON is accepted.
        using var form = await app.Client.PostAsync(new Uri("/playground/api/send", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "alice", ["channel"] = "general", ["text"] = "/incident declare x" }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);

        using var unknown = await pg.PostAsync("send", new { user = "alice", channel = "general", text = "/nosuch thing" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        await pg.WaitForAsync("alice", "general", "I don&#x27;t know the command /nosuch");
        Assert.Empty(await app.Get<ChatOps.Incidents.IncidentStore>().ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task The_playground_is_off_when_slack_is_configured_unless_asked_for()
    {
        var slack = new Dictionary<string, string?> { ["Slack:SigningSecret"] = "secret", ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/" };
        await using (var off = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), slack))
        {
            using var page = await off.Client.GetAsync(new Uri("/playground", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain("href=\"/playground\"", await off.Client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        }

        slack["Web:Playground"] = "true";
        await using var on = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite), slack);
        using var onPage = await on.Client.GetAsync(new Uri("/playground", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, onPage.StatusCode);
    }

    private static async Task OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
