using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Chromium driven by Playwright. Playwright cannot download its own browsers here, so it runs the
/// machine's (Debian's <c>chromium</c> package; <c>PLATFORM_CHROMIUM</c> names another), headless,
/// with everything that would reach out to the network turned off.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private static readonly string[] OfflineFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") is { Length: > 0 } own ? own : "/usr/bin/chromium";
        if (!File.Exists(executable)) throw new InvalidOperationException($"Chromium is not installed at {executable}: apt-get install chromium (the CI script does)");
        // Expectations poll until they hold; 5 s (Playwright's default) is too short for a 2-core machine running several suites.
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = OfflineFlags });
        return new DashboardBrowser(playwright, browser);
    }

    public async Task<IPage> OpenAsync(Uri gateway, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new browser context signed in on Tokens' own login page (the console has no login of its own; its first-party
    /// client skips consent), once the console's sections are on screen.
    /// </summary>
    /// <remarks>A person who must change their password (a first password handed over) chooses <paramref name="newPassword"/> on the way.</remarks>
    public async Task<IPage> SignInAsync(Uri gateway, string email, string password, int width = 1280, int height = 900, string? newPassword = null)
    {
        var page = await OpenAsync(gateway, width, height);
        await page.GotoAsync("dashboard/");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            if (newPassword is not null)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" })).ToBeVisibleAsync();
                await page.FillAsync("#new_password", newPassword);
                await page.FillAsync("#confirm_password", newPassword);
                await page.GetByRole(AriaRole.Button, new() { Name = "Change password and continue" }).ClickAsync();
            }
            await page.WaitForURLAsync("**/dashboard/**");
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            await ScreenshotAsync(page, "sign-in-failed");
            var body = await page.InnerTextAsync("body");
            throw new InvalidOperationException($"sign-in did not reach the console: at {page.Url}: {body[..Math.Min(600, body.Length)]}", e);
        }
        return page;
    }

    /// <summary>The login page refuses <paramref name="password"/> for <paramref name="email"/> (a removed person, a replaced password).</summary>
    public async Task ExpectLoginRefusedAsync(Uri gateway, string email, string password)
    {
        var page = await OpenAsync(gateway);
        await page.GotoAsync("dashboard/");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Email or password is not correct");
        await page.Context.CloseAsync();
    }

    /// <summary>Kept as a test artifact: a file under the test output, and an attachment of the test result.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(ScreenshotFolder, $"{name}.png") });
        TestContext.Current.AddAttachment(name, bytes, "image/png");
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
