using System.Net;
using System.Text.Json;
using ChatOps.Incidents;
using ChatOps.IntegrationTests.Incidents;
using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Postmortems;
using ChatOps.Storage;
using ChatOps.Storage.Outbox;
using ChatOps.Timeline;
using Dapper;

namespace ChatOps.IntegrationTests.Postmortems;

/// <summary>/incident close drafts the postmortem through the real outbox, on both engines, observed at the chat port and over HTTP.</summary>
public sealed class PostmortemDraftTests
{
    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Close_drafts_once_uploads_the_file_posts_a_summary_mirrors_it_and_serves_the_markdown(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev1 Checkout | API <b>5xx</b>");
        await chat.RunAsync("/incident status Rolling back checkout to v41", "U-BOB", channel);
        await chat.RunAsync("/incident note Bad config in v42: PAYMENTS_URL missing", "U-BOB", channel);
        await chat.RunAsync("/incident action Fail deploys on missing env vars <@U-DAN> due:2026-04-01", channel: channel);
        await InsertAsync(chat, provider);
        await chat.RunAsync("/incident mitigated Rolled back", channel: channel);
        await chat.RunAsync("/incident resolve", channel: channel);

        await chat.RunAsync("/incident close", channel: channel);

        // The broadcast mirror and the channel (file, then summary) are separate queues: wait for both.
        await Eventually.TrueAsync(() => chat.Platform.CallsOf("Post").Count(p => p.Detail!.Contains("postmortem draft v1", StringComparison.Ordinal)) == 2, "the summary is posted and mirrored");
        Assert.Single(chat.Platform.CallsOf("Post"), p => p.Target == "C-BROADCAST" && p.Detail!.Contains("postmortem draft v1", StringComparison.Ordinal));
        var upload = Assert.Single(chat.Platform.CallsOf("Upload"));
        Assert.Equal((channel, "INC-1-postmortem-v1.md"), (upload.Target, upload.Detail));
        var summary = Assert.Single(chat.Platform.CallsOf("Post"), p => p.Target == channel && p.Detail!.Contains("postmortem draft v1", StringComparison.Ordinal));
        Assert.Contains("GET /api/incidents/1/postmortem.md", string.Join(' ', summary.Message!.Blocks.OfType<Chat.Messages.Context>().SelectMany(c => c.Elements).Select(r => r.ToPlainText())), StringComparison.Ordinal);

        using var response = await chat.App.Client.GetAsync(new Uri("/api/incidents/1/postmortem.md", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        var markdown = await response.Content.ReadAsStringAsync();
        var incident = (await chat.App.Get<IncidentStore>().GetAsync(1, default))!;
        foreach (var section in new[] { "## Summary", "## Impact", "### SLA", "## Key metrics", "## Timeline (UTC)", "## Diagnostics captured", "## Root cause and contributing factors", "## Five whys", "## What went well", "## What went wrong", "## Where we got lucky", "## Action items", "## Appendix: full transcript" })
        {
            Assert.Contains("\n" + section + "\n", markdown, StringComparison.Ordinal);
        }

        Assert.StartsWith("# Postmortem: INC-1 · Checkout \\| API &lt;b&gt;5xx&lt;/b&gt;\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Status update | @U-BOB | Rolling back checkout to v41 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Note | @U-BOB | Bad config in v42: PAYMENTS\\_URL missing |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Pinned message | @bob | etcd snapshot restored on prod |", markdown, StringComparison.Ordinal);
        Assert.Contains("/diag controlplane · cluster: prod · verdict: etcd quorum lost", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | Fail deploys on missing env vars | @U-DAN | 2026-04-01 | Open |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Declared | {Utc(incident.DeclaredAt)} by @U-ALICE |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Closed | {Utc(incident.ClosedAt!.Value)} |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Duration | {Minutes(incident.ResolvedAt!.Value - incident.DeclaredAt)}", markdown, StringComparison.Ordinal);
        Assert.Contains("| Reminders / escalations sent | 1 / 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Reminder | ChatOps | Status update overdue", markdown, StringComparison.Ordinal);
        var kinds = (await chat.App.Get<TimelineStore>().ListAsync(1, default)).Select(e => e.Kind).ToList();
        Assert.Single(kinds, k => k == TimelineKind.Postmortem);

        // The draft row delivered again (a crash before completion, a lease that ran out): nothing twice.
        await using (var connection = await chat.App.Get<Database>().OpenAsync(default))
        {
            await connection.ExecuteAsync("UPDATE outbox SET completed_at = NULL, next_attempt_at = created_at WHERE kind = 'postmortem.draft'");
        }

        await Eventually.TrueAsync(async () => await CountAsync(chat, "SELECT count(*) FROM outbox WHERE kind = 'postmortem.draft' AND completed_at IS NULL") == 0, "the redelivered draft row completes");
        Assert.Equal(1, await CountAsync(chat, "SELECT count(*) FROM postmortems"));
        Assert.Equal(1, await CountAsync(chat, "SELECT count(*) FROM outbox WHERE kind = 'chat.upload'"));
        Assert.Single(chat.Platform.CallsOf("Upload"));
        Assert.Equal("# Postmortem: INC-1", (await chat.App.Get<PostmortemStore>().GetLatestAsync(1, default))!.Markdown[..19]);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task Reopening_and_closing_again_writes_version_2_and_keeps_version_1(StorageProvider provider)
    {
        await using var chat = await ChatHarness.StartAsync(provider);
        var channel = await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev2 Queue backlog");
        await chat.RunAsync("/incident close confirm", channel: channel);
        await Eventually.TrueAsync(() => chat.Platform.CallsOf("Upload").Count == 1, "the first draft is uploaded");

        await chat.RunAsync("/incident reopen It is back", channel: channel);
        await chat.RunAsync("/incident status Consumers restarted", channel: channel);
        await chat.RunAsync("/incident close confirm", channel: channel);

        await Eventually.TrueAsync(() => chat.Platform.CallsOf("Upload").Count == 2, "the second draft is uploaded");
        Assert.Equal(["INC-1-postmortem-v1.md", "INC-1-postmortem-v2.md"], chat.Platform.CallsOf("Upload").Select(u => u.Detail));
        var latest = await GetTextAsync(chat, "/api/incidents/1/postmortem.md");
        var first = await GetTextAsync(chat, "/api/incidents/1/postmortem.md?version=1");
        var second = await GetTextAsync(chat, "/api/incidents/1/postmortem.md?version=2");
        Assert.Contains("*Draft version 2,", latest, StringComparison.Ordinal);
        Assert.Equal(latest, second);
        Assert.Contains("*Draft version 1,", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Consumers restarted", first, StringComparison.Ordinal);
        Assert.Contains("Consumers restarted", second, StringComparison.Ordinal);
        Assert.Contains("It was reopened 1 time.", second, StringComparison.Ordinal);
        var versions = await chat.App.Get<PostmortemStore>().ListVersionsAsync(1, default);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.True(versions[1].ClosedAt > versions[0].ClosedAt);
    }

    [Fact]
    public async Task The_markdown_endpoint_answers_mistakes_with_reasons()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);
        var channel = await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev3 Slow builds");

        var (noIncident, noIncidentBody) = await GetAsync(chat, "/api/incidents/9/postmortem.md");
        var (notClosed, notClosedBody) = await GetAsync(chat, "/api/incidents/1/postmortem.md");
        var (badNumber, _) = await GetAsync(chat, "/api/incidents/abc/postmortem.md");
        var (badVersion, badVersionBody) = await GetAsync(chat, "/api/incidents/1/postmortem.md?version=zero");
        await chat.RunAsync("/incident close confirm", channel: channel);
        await Eventually.TrueAsync(async () => (await GetAsync(chat, "/api/incidents/1/postmortem.md")).Status == HttpStatusCode.OK, "the draft is served");
        var (missingVersion, missingVersionBody) = await GetAsync(chat, "/api/incidents/1/postmortem.md?version=3");

        Assert.Equal((HttpStatusCode.NotFound, "There is no INC-9."), (noIncident, Error(noIncidentBody)));
        Assert.Equal(HttpStatusCode.NotFound, notClosed);
        Assert.Contains("INC-1 has no postmortem draft yet", Error(notClosedBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion);
        Assert.Contains("'zero' is not a draft version", Error(badVersionBody), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "INC-1 has no postmortem draft version 3; the latest is version 1."), (missingVersion, Error(missingVersionBody)));
    }

    [Fact]
    public async Task A_draft_row_for_an_incident_reopened_meanwhile_writes_nothing_and_one_for_a_missing_incident_fails_for_good()
    {
        await using var chat = await ChatHarness.StartAsync(StorageProvider.Sqlite);
        await IncidentLifecycleTests.DeclareAsync(chat, "/incident declare sev2 Cache misses");
        var outbox = chat.App.Get<OutboxStore>();

        await chat.App.Get<Database>().InTransactionAsync(async (c, tx) =>
        {
            await outbox.EnqueueAsync(c, tx, new OutboxMessage("postmortem:1", PostmortemKinds.Draft, """{"incidentNumber":1,"platform":"test","closedBy":"U-ALICE"}""", 1), default);
            await outbox.EnqueueAsync(c, tx, new OutboxMessage("postmortem:77", PostmortemKinds.Draft, """{"incidentNumber":77,"platform":"test","closedBy":"U-ALICE"}"""), default);
            return 0;
        }, default);
        chat.App.Get<OutboxSignal>().Notify();

        await Eventually.TrueAsync(async () => await CountAsync(chat, "SELECT count(*) FROM outbox WHERE kind = 'postmortem.draft' AND completed_at IS NULL AND failed_at IS NULL") == 0, "both draft rows are settled");
        Assert.Equal(1, await CountAsync(chat, "SELECT count(*) FROM outbox WHERE kind = 'postmortem.draft' AND incident_number = 1 AND completed_at IS NOT NULL"));
        Assert.Equal(1, await CountAsync(chat, "SELECT count(*) FROM outbox WHERE kind = 'postmortem.draft' AND queue_key = 'postmortem:77' AND failed_at IS NOT NULL AND last_error LIKE '%INC-77 does not exist%'"));
        Assert.Equal(0, await CountAsync(chat, "SELECT count(*) FROM postmortems"));
        Assert.Empty(chat.Platform.CallsOf("Upload"));
    }

    /// <summary>Entries other features write (a pin, a reminder, a /diag run), inserted as they would store them.</summary>
    private static async Task InsertAsync(ChatHarness chat, StorageProvider provider)
    {
        _ = provider;
        var incident = (await chat.App.Get<IncidentStore>().GetAsync(1, default))!;
        var now = DateTimeOffset.UtcNow;
        var store = chat.App.Get<TimelineStore>();
        await chat.App.Get<Database>().InTransactionAsync(async (c, tx) =>
        {
            await store.AppendAsync(c, tx, Entry(incident, TimelineKind.Message, "etcd snapshot restored on prod", now, key: true) with { AuthorId = "U-BOB", AuthorName = "bob", SourceChannel = incident.ChannelId, SourceMessageId = "1772445600.000100" }, default);
            await store.AppendAsync(c, tx, Entry(incident, TimelineKind.Reminder, "Status update overdue: reminded the incident commander", now, data: new { dueAt = now.AddMinutes(-1) }), default);
            await store.AppendAsync(c, tx, Entry(incident, TimelineKind.Diagnostics, "2 of 3 etcd members unhealthy", now, key: true,
                data: new { command = "controlplane", cluster = "prod", verdict = "etcd quorum lost", patterns = new[] { "etcd leader changes" }, outcome = "ok" }) with { AuthorId = "U-BOB" }, default);
            return 0;
        }, default);
    }

    private static TimelineEntry Entry(Incident incident, TimelineKind kind, string text, DateTimeOffset at, bool key = false, object? data = null) => new()
    {
        IncidentNumber = incident.Number,
        Kind = kind,
        OccurredAt = at,
        RecordedAt = at,
        Text = text,
        IsKey = key,
        Data = data is null ? null : JsonSerializer.Serialize(data, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    private static async Task<long> CountAsync(ChatHarness chat, string sql)
    {
        await using var connection = await chat.App.Get<Database>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<string> GetTextAsync(ChatHarness chat, string path)
    {
        var (status, body) = await GetAsync(chat, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        return body;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ChatHarness chat, string path)
    {
        using var response = await chat.App.Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.Minutes} min" : $"{span.Seconds} s";
}
