using System.Text;
using ChatOps.Chat;
using ChatOps.Incidents;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;
using static ChatOps.Web.Html;

namespace ChatOps.Web.Pages;

/// <summary>
/// GET /incidents/{number}: the facts, status updates, diagnostics, the whole timeline with edits
/// and deletions, and the postmortem. Reloads itself while the incident is open.
/// </summary>
internal static class IncidentPage
{
    public static async Task<IResult> RenderAsync(
        string number, HttpContext http, Layout layout, IncidentStore incidents, TimelineStore timeline, IPostmortemSource postmortems,
        ChatPlatforms platforms, IOptions<IncidentsOptions> incidentOptions, IOptions<WebOptions> webOptions, TimeProvider clock, CancellationToken ct)
    {
        if (!IncidentApi.TryNumber(number, out var n))
        {
            return Layout.Result(layout.Page(http, "Not an incident", $"<main><h1>Not an incident number</h1><p>{E(ApiProblem.BadNumber(number).Error)}</p></main>"), StatusCodes.Status400BadRequest);
        }

        if (await incidents.GetAsync(n, ct) is not { } i)
        {
            return Layout.Result(layout.Page(http, "No such incident", $"<main><h1>{E(ApiProblem.NoIncident(n).Error)}</h1><p><a href=\"/\">All incidents</a></p></main>"), StatusCodes.Status404NotFound);
        }

        var now = clock.GetUtcNow();
        var entries = await timeline.ListAsync(n, ct);
        var revisions = (await timeline.RevisionsAsync(n, ct)).ToLookup(r => r.EntryId);
        var roles = await incidents.ListRolesAsync(n, ct);
        var actions = await incidents.ListActionItemsAsync(n, ct);
        var markdown = await postmortems.GetLatestMarkdownAsync(n, ct);

        var body = new StringBuilder("<main>");
        body.Append($"<h1>{Severity((int)i.Severity)} {E(i.Label)} · {E(i.Title)}</h1>");
        body.Append(Facts(i, roles, platforms, incidentOptions.Value.StatusCadence, now));
        body.Append(ActionItems(actions));
        body.Append("<h2>Status updates</h2>").Append(Entries(entries.Where(e => e.Kind == TimelineKind.Status).ToList(), revisions, "status", "No status updates yet."));
        body.Append("<h2>Diagnostics captured</h2>").Append(Entries(entries.Where(e => e.Kind == TimelineKind.Diagnostics).ToList(), revisions, "diagnostics", "No diagnostics were run for this incident."));
        body.Append("<h2>Timeline</h2>").Append(Entries(entries, revisions, "timeline", "Nothing recorded yet."));
        body.Append("<h2>Postmortem</h2>");
        body.Append(markdown is null
            ? $"<p class=\"empty\" id=\"postmortem\">No postmortem yet{(i.Status == IncidentStatus.Closed ? string.Empty : ": a draft is written when the incident is closed")}.</p>"
            : $"<article class=\"postmortem\" id=\"postmortem\">{PostmortemHtml.Render(markdown)}</article>");
        body.Append("</main>");
        int? refresh = i.IsOpen ? webOptions.Value.RefreshSeconds : null;
        return Layout.Result(layout.Page(http, i.Label, body.ToString(), refresh));
    }

    private static string Facts(Incident i, IReadOnlyList<RoleAssignment> roles, ChatPlatforms platforms, StatusCadenceOptions cadence, DateTimeOffset now)
    {
        var channel = i.ChannelId is null ? "<span class=\"muted\">being created</span>"
            : platforms.TryGet(i.Platform, out var platform) && platform.ChannelUrl(i.ChannelId) is { } url
                ? $"<a href=\"{E(url)}\">#{E(i.ChannelName ?? i.ChannelId)}</a>"
                : $"#{E(i.ChannelName ?? i.ChannelId)}";
        var due = CadencePolicy.NextUpdateDue(i, cadence);
        var dueText = due is not { } d ? "none" : d < now ? $"<span class=\"overdue\">overdue by {Span(now - d)}</span>" : $"in {Span(d - now)} ({Time(d)})";
        var html = new StringBuilder("<dl class=\"facts\">");
        html.Append($"<dt>Status</dt><dd id=\"incident-status\">{E(i.Status.ToString())}</dd>");
        html.Append($"<dt>Incident commander</dt><dd>{E(i.CommanderId)}</dd>");
        foreach (var role in roles.Where(r => r.Role != IncidentRole.Commander))
        {
            html.Append($"<dt>{E(role.Role.ToString())}</dt><dd>{E(role.UserId)}</dd>");
        }

        html.Append($"<dt>Declared</dt><dd>{Time(i.DeclaredAt)} by {E(i.DeclaredBy)} ({Span(now - i.DeclaredAt)} ago)</dd>");
        html.Append($"<dt>Mitigated</dt><dd>{Time(i.MitigatedAt)}</dd><dt>Resolved</dt><dd>{Time(i.ResolvedAt)}</dd><dt>Closed</dt><dd>{Time(i.ClosedAt)}</dd>");
        html.Append($"<dt>Next update due</dt><dd>{dueText}</dd>");
        html.Append($"<dt>Channel</dt><dd>{channel} <span class=\"muted\">({E(i.Platform)})</span></dd>");
        return html.Append("</dl>").ToString();
    }

    private static string ActionItems(IReadOnlyList<ActionItem> actions)
    {
        if (actions.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<h2>Action items</h2><ul>");
        foreach (var a in actions)
        {
            html.Append(FormattableString.Invariant($"<li>{(a.Status == ActionItemStatus.Done ? "✅" : "⬜")} #{a.Id} {E(a.Text)}{(a.OwnerId is null ? string.Empty : $" · {E(a.OwnerId)}")}{(a.DueDate is { } due ? $" · due {due:yyyy-MM-dd}" : string.Empty)}</li>"));
        }

        return html.Append("</ul>").ToString();
    }

    private static string Entries(IReadOnlyList<TimelineEntry> entries, ILookup<long, TimelineRevision> revisions, string id, string empty)
    {
        if (entries.Count == 0)
        {
            return $"<p class=\"empty\" id=\"{id}\">{E(empty)}</p>";
        }

        var html = new StringBuilder($"<ul class=\"timeline\" id=\"{id}\">");
        foreach (var e in entries)
        {
            var classes = (e.IsKey ? "key " : string.Empty) + (e.IsDeleted ? "deleted" : string.Empty);
            var author = e.AuthorName ?? e.AuthorId;
            var edits = revisions[e.Id].ToList();
            var current = edits.Count > 0 ? edits[^1].Text : e.Text;
            html.Append($"<li class=\"{classes.Trim()}\">{Time(e.OccurredAt)} <span class=\"kind\">{E(e.Kind.ToString())}</span> ");
            html.Append(author is null ? string.Empty : $"<strong>{E(author)}</strong>: ");
            html.Append($"<span class=\"text\">{Said(current)}</span>");
            if (e.IsDeleted)
            {
                html.Append($" <em class=\"muted\">deleted{(e.DeletedBy is null ? string.Empty : $" by {E(e.DeletedBy)}")} {Time(e.DeletedAt)}</em>");
            }

            if (edits.Count > 0)
            {
                html.Append($"<div class=\"revisions\">edited {edits.Count} time{(edits.Count == 1 ? string.Empty : "s")}; original: “{Said(e.Text)}”");
                foreach (var r in edits.SkipLast(1))
                {
                    html.Append($"; then {Time(r.EditedAt)}: “{Said(r.Text)}”");
                }

                html.Append($"; last edit {Time(edits[^1].EditedAt)}</div>");
            }

            html.Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }
}
