using ChatOps.IntegrationTests.Infrastructure;
using ChatOps.Storage;
using Microsoft.Playwright;

namespace ChatOps.IntegrationTests.Browser;

/// <summary>
/// Acceptance 2: a person in a real (headless) browser declares in the playground, talks in the
/// incident channel, posts a status update through the button's form, resolves and closes; the
/// dashboard then shows the incident, its timeline (edit and deletion included) and its postmortem section.
/// </summary>
public sealed class PlaygroundBrowserTests
{
    private static readonly PageWaitForSelectorOptions Visible = new() { Timeout = 20_000 };

    [Fact]
    public async Task Declare_talk_update_resolve_and_close_in_the_browser_then_read_it_on_the_dashboard()
    {
        await using var app = await TestApp.StartAsync(await TestStores.CreateAsync(StorageProvider.Sqlite));
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });
        page.SetDefaultTimeout(20_000);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("Checkout returns 502 for card payments");

        await page.GotoAsync("/playground");
        await page.SelectOptionAsync("#pg-user", "alice");
        await SayAsync(page, "/incident declare sev2 Checkout errors");
        await page.WaitForSelectorAsync(".msg.ephemeral:has-text('INC-1 declared')", Visible);

        await page.ClickAsync("#pg-channels a[data-channel^='inc-1-']");
        await page.WaitForSelectorAsync("#pg-channel-name:has-text('#inc-1-checkout-errors')", Visible);
        await page.WaitForSelectorAsync(".msg:has-text('Post update') >> text=📌 pinned", Visible);

        await page.SelectOptionAsync("#pg-user", "bob");
        await SayAsync(page, "Checkout returns 500 for card payments");
        var mine = page.Locator(".msg:has-text('Checkout returns 500')");
        await mine.Locator("button[data-act=edit]").ClickAsync();
        await page.WaitForSelectorAsync(".msg:has-text('Checkout returns 502') >> text=(edited)", Visible);
        await page.Locator(".msg:has-text('Checkout returns 502') button[data-act=pin]").ClickAsync();
        await page.WaitForSelectorAsync(".msg:has-text('Checkout returns 502') >> text=📌 pinned", Visible);
        await SayAsync(page, "oops, wrong channel");
        await page.Locator(".msg:has-text('oops, wrong channel') button[data-act=delete]").ClickAsync();
        await page.WaitForSelectorAsync(".msg:has-text('This message was deleted.')", Visible);

        await page.SelectOptionAsync("#pg-user", "alice");
        await page.Locator(".msg:has-text('Post update') button[data-command]:has-text('Post update')").ClickAsync();
        var form = page.Locator("form.m-form");
        await form.Locator("textarea, input").First.FillAsync("Rolling back the payments deploy");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync(".msg:not(.ephemeral):has-text('status update') >> text=Rolling back the payments deploy", Visible);

        await SayAsync(page, "/incident resolve Rolled back, error rate normal");
        await page.WaitForSelectorAsync(".msg:has-text('Marked resolved')", Visible);
        await SayAsync(page, "/incident close");
        await page.WaitForSelectorAsync(".msg:has-text('Closed by')", Visible);

        await page.ClickAsync("#pg-channels a[data-channel=incidents]");
        await page.WaitForSelectorAsync(".msg:has-text('Rolling back the payments deploy')", Visible);

        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#recent a[href='/incidents/1']", Visible);
        await page.ClickAsync("#recent a[href='/incidents/1']");
        await page.WaitForSelectorAsync("h1:has-text('INC-1 · Checkout errors')", Visible);
        Assert.Equal("Closed", await page.TextContentAsync("#incident-status"));
        Assert.Contains("Rolling back the payments deploy", await page.TextContentAsync("#status"), StringComparison.Ordinal);
        var timeline = await page.TextContentAsync("#timeline") ?? string.Empty;
        Assert.Contains("Checkout returns 502 for card payments", timeline, StringComparison.Ordinal);
        Assert.Contains("original: “Checkout returns 500 for card payments”", timeline, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#timeline li.deleted:has-text('oops, wrong channel')").CountAsync());
        Assert.Equal(1, await page.Locator("#timeline li.key:has-text('Checkout returns 502')").CountAsync());
        Assert.Contains("Resolved", timeline, StringComparison.Ordinal);
        Assert.Contains("Closed", timeline, StringComparison.Ordinal);
        // The draft arrives from the outbox shortly after the close; the page shows it once written.
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("article#postmortem h2:has-text('Five whys')").CountAsync() == 1;
        }, "the rendered postmortem", TimeSpan.FromSeconds(30));
        Assert.Contains("Rolling back the payments deploy", await page.TextContentAsync("article#postmortem") ?? string.Empty, StringComparison.Ordinal);
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.FillAsync("#pg-input", text);
        await page.PressAsync("#pg-input", "Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('pg-input').value === ''");
    }
}
