using System.Text;
using ChatOps.Maintenance;
using static ChatOps.Web.Html;

namespace ChatOps.Web.Pages;

/// <summary>GET /maintenance: every window of the last 180 days and ahead, with notice, approval and checklist.</summary>
internal static class MaintenancePage
{
    public static async Task<IResult> RenderAsync(HttpContext http, Layout layout, MaintenanceStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var windows = (await store.ListSinceAsync(now - TimeSpan.FromDays(180), ct)).OrderByDescending(w => w.StartsAt).ToList();
        var body = $"<main><h1>Maintenance windows</h1><p><a href=\"/maintenance.ics\">Subscribe to the calendar (.ics)</a> · <a href=\"/api/maintenance\">JSON</a></p>{Table(windows, now, compact: false)}</main>";
        return Layout.Result(layout.Page(http, "Maintenance", body));
    }

    public static string Table(IReadOnlyList<MaintenanceWindow> windows, DateTimeOffset now, bool compact)
    {
        if (windows.Count == 0)
        {
            return "<p class=\"empty\">No maintenance windows.</p>";
        }

        var html = new StringBuilder("<table class=\"maintenance\"><thead><tr><th>Window</th><th>Status</th><th>Start</th><th>Duration</th><th>Scope</th><th>Notice given</th><th>Approval</th>");
        html.Append(compact ? "</tr></thead><tbody>" : "<th>Checklist</th></tr></thead><tbody>");
        foreach (var w in windows)
        {
            var notice = w.ActivatedAt is { } announced ? Span(w.StartsAt - announced) : "<span class=\"muted\">not announced</span>";
            var approval = w.Kind == WindowKind.Planned ? "<span class=\"muted\">planned</span>"
                : w.ApprovedBy is { } by ? $"emergency ({E(w.Reason)}), approved by {E(by)} {Time(w.ApprovedAt)}"
                : $"<span class=\"overdue\">emergency ({E(w.Reason)}), awaiting approval</span>";
            html.Append(FormattableString.Invariant(
                $"<tr><td>{E(w.Label)} {E(w.Title)}</td><td>{E(w.PhaseAt(now).PhaseText())}</td><td>{Time(w.StartsAt)}</td><td>{Span(w.Duration)}{(w.IsExtended ? " (extended)" : string.Empty)}</td><td>{E(w.Scope ?? "everything")}</td><td>{notice}</td><td>{approval}</td>"));
            if (!compact)
            {
                html.Append("<td><ul>");
                foreach (var item in Checklist.Items)
                {
                    var value = w.Checklist.ValueOf(item);
                    html.Append(value is null
                        ? $"<li class=\"missing\">✗ {E(item.Label())}</li>"
                        : $"<li class=\"ok\">✓ {E(item.Label())}: {E(value)}</li>");
                }

                html.Append("</ul></td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
