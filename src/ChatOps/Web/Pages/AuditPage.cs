using System.Text;
using ChatOps.Maintenance;
using static ChatOps.Web.Html;

namespace ChatOps.Web.Pages;

/// <summary>GET /audit: who ran which /diag against which cluster, and who asked for and approved emergency maintenance.</summary>
internal static class AuditPage
{
    public static async Task<IResult> RenderAsync(
        HttpContext http, Layout layout, IDiagnosticsAuditSource diagnostics, MaintenanceStore maintenance, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var runs = await diagnostics.RecentRunsAsync(200, ct);
        var emergencies = (await maintenance.ListSinceAsync(now - TimeSpan.FromDays(180), ct))
            .Where(w => w.Kind == WindowKind.Emergency).OrderByDescending(w => w.CreatedAt).ToList();

        var body = new StringBuilder("<main><h1>Audit</h1><h2>/diag runs</h2>");
        if (runs.Count == 0)
        {
            body.Append("<p class=\"empty\" id=\"diag-runs\">No /diag runs recorded.</p>");
        }
        else
        {
            body.Append("<table id=\"diag-runs\"><thead><tr><th>When</th><th>Who</th><th>Command</th><th>Cluster</th><th>Incident</th><th>Outcome</th><th>Summary</th></tr></thead><tbody>");
            foreach (var r in runs)
            {
                var incident = r.IncidentNumber is { } n ? FormattableString.Invariant($"<a href=\"/incidents/{n}\">INC-{n}</a>") : "—";
                body.Append($"<tr><td>{Time(r.At)}</td><td>{E(r.UserId)} <span class=\"muted\">({E(r.Platform)})</span></td><td><code>{E(r.Command)}</code></td><td>{E(r.Cluster ?? "—")}</td><td>{incident}</td><td>{E(r.Outcome)}</td><td>{E(r.Summary)}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("<h2>Emergency maintenance approvals</h2>");
        if (emergencies.Count == 0)
        {
            body.Append("<p class=\"empty\" id=\"approvals\">No emergency windows in the last 180 days.</p>");
        }
        else
        {
            body.Append("<table id=\"approvals\"><thead><tr><th>Requested</th><th>Window</th><th>Requested by</th><th>Reason</th><th>Approval</th><th>Status</th></tr></thead><tbody>");
            foreach (var w in emergencies)
            {
                var approval = w.ApprovedBy is { } by ? $"approved by {E(by)} {Time(w.ApprovedAt)}" : "<span class=\"overdue\">not approved</span>";
                body.Append($"<tr><td>{Time(w.CreatedAt)}</td><td>{E(w.Label)} {E(w.Title)} ({Time(w.StartsAt)})</td><td>{E(w.PlannerId)}</td><td>{E(w.Reason)}</td><td>{approval}</td><td>{E(w.PhaseAt(now).PhaseText())}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</main>");
        return Layout.Result(layout.Page(http, "Audit", body.ToString()));
    }
}
