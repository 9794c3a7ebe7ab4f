using Microsoft.Playwright;

namespace ChatOps.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium, driven headless by Playwright. The path comes from CHATOPS_CHROMIUM or is
/// /usr/bin/chromium; scripts/test.sh installs it. A missing browser fails the test with the fix.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CHATOPS_CHROMIUM");
            path = string.IsNullOrWhiteSpace(path) ? DefaultPath : path;
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"Chromium is not at {path}. Install Debian's chromium (apt-get install -y chromium; scripts/test.sh does this when run as root) or set CHATOPS_CHROMIUM to its path.");
            }

            return path;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = ExecutablePath;
        var playwright = await Playwright.CreateAsync();
        try
        {
            // --no-sandbox: CI and developer containers run as root, where Chromium's sandbox cannot start.
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
