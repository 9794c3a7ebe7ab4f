using System.Text;
using ChatOps.Incidents;
using ChatOps.Maintenance;
using ChatOps.Timeline;
using Microsoft.Extensions.Options;
using static ChatOps.Web.Html;

namespace ChatOps.Web.Pages;

/// <summary>GET /: what is burning now, what happened lately, what maintenance is coming.</summary>
internal static class DashboardPage
{
    public static async Task<IResult> RenderAsync(
        HttpContext http, Layout layout, IncidentStore incidents, TimelineStore timeline, MaintenanceStore maintenance,
        IOptions<IncidentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await incidents.ListOpenAsync(ct);
        var recent = (await incidents.ListAsync(50, ct)).Where(i => !i.IsOpen).Take(20).ToList();
        var windows = await maintenance.ListCurrentAsync(now, 10, ct);

        var body = new StringBuilder("<main><h1>Incidents</h1>");
        body.Append(Inv($"<h2>Active ({open.Count})</h2>"));
        if (open.Count == 0)
        {
            body.Append("<p class=\"empty\">No active incidents.</p>");
        }
        else
        {
            body.Append("<table id=\"active\"><thead><tr><th>Severity</th><th>Incident</th><th>Status</th><th>IC</th><th>Age</th><th>Last status update</th><th>Next update due</th></tr></thead><tbody>");
            foreach (var i in open)
            {
                var last = (await timeline.ListAsync(i.Number, ct)).LastOrDefault(e => e.Kind == TimelineKind.Status && !e.IsDeleted);
                var due = CadencePolicy.NextUpdateDue(i, options.Value.StatusCadence);
                var dueCell = due is not { } d ? "<span class=\"muted\">none</span>"
                    : d < now ? $"<span class=\"overdue\">overdue by {Span(now - d)}</span> ({Time(d)})"
                    : $"in {Span(d - now)} ({Time(d)})";
                var lastCell = last is null ? "<span class=\"muted\">none yet</span>" : $"{Said(Shorten(last.Text))} <span class=\"muted\">{Span(now - last.OccurredAt)} ago</span>";
                body.Append(Inv($"<tr><td>{Severity((int)i.Severity)}</td><td><a href=\"/incidents/{i.Number}\">{E(i.Label)}</a> {E(i.Title)}</td><td>{E(i.Status.ToString())}</td><td>{E(i.CommanderId)}</td><td>{Span(now - i.DeclaredAt)}</td><td>{lastCell}</td><td>{dueCell}</td></tr>"));
            }

            body.Append("</tbody></table>");
        }

        body.Append("<h2>Recent</h2>");
        if (recent.Count == 0)
        {
            body.Append("<p class=\"empty\">No resolved or closed incidents yet.</p>");
        }
        else
        {
            body.Append("<table id=\"recent\"><thead><tr><th>Severity</th><th>Incident</th><th>Status</th><th>Declared</th><th>Resolved</th><th>Duration</th></tr></thead><tbody>");
            foreach (var i in recent)
            {
                var end = i.ResolvedAt ?? i.ClosedAt;
                body.Append(Inv($"<tr><td>{Severity((int)i.Severity)}</td><td><a href=\"/incidents/{i.Number}\">{E(i.Label)}</a> {E(i.Title)}</td><td>{E(i.Status.ToString())}</td><td>{Time(i.DeclaredAt)}</td><td>{Time(end)}</td><td>{(end is { } e ? Span(e - i.DeclaredAt) : "—")}</td></tr>"));
            }

            body.Append("</tbody></table>");
        }

        body.Append("<h2>Upcoming maintenance</h2><p><a href=\"/maintenance.ics\">Subscribe to the calendar (.ics)</a> · <a href=\"/maintenance\">All windows</a></p>");
        body.Append(MaintenancePage.Table(windows, now, compact: true));
        body.Append("</main>");
        return Layout.Result(layout.Page(http, "Incidents", body.ToString(), refreshSeconds: 60));
    }

    internal static string Shorten(string text) => text.Length <= 140 ? text : text[..140] + "…";

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
