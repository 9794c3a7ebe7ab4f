using ChatOps.Web;

namespace ChatOps.Platforms.Local;

/// <summary>GET /playground: a chat client for the local platform; the script does the rest through /playground/api.</summary>
internal static class PlaygroundPage
{
    public static IResult Render(HttpContext http, Layout layout)
    {
        var users = string.Concat(LocalUsers.All.Select(u => $"<option value=\"{Html.E(u.Id)}\">{Html.E(u.DisplayName)}</option>"));
        var body = $"""
            <div class="pg">
            <aside>
            <label for="pg-user">You are</label>
            <select id="pg-user">{users}</select>
            <div>Channels</div>
            <ul id="pg-channels"></ul>
            </aside>
            <section>
            <div class="channel-head"><strong id="pg-channel-name"></strong> <span class="topic" id="pg-topic"></span></div>
            <div class="messages" id="pg-messages" aria-live="polite"></div>
            <div class="error" id="pg-error" role="alert"></div>
            <form class="composer" id="pg-composer">
            <input id="pg-input" autocomplete="off" placeholder="Message, or a command: /incident declare sev2 Checkout errors" aria-label="Message">
            <button type="submit">Send</button>
            </form>
            <div class="hint">Try <code>/incident declare sev2 Checkout errors</code>, then talk in the new channel, <code>/incident status Rolling back</code>, <code>/incident resolve</code>, <code>/incident close</code>. Mention people as <code>@bob</code>. <a href="/">Dashboard</a></div>
            </section>
            </div>
            <script src="/assets/playground.js" defer></script>
            """;
        return Layout.Result(layout.Page(http, "Playground", body, bodyClass: "playground"));
    }
}
