using System.Net;
using Platform.EndToEnd.Tests;
using Platform.Fuzz.Tests.Checks;

namespace Platform.Fuzz.Tests;

/// <summary>
/// No open redirect: the dashboard's sign-in, followed through Tokens' login to its end, and Tokens' logout
/// send a browser only to this origin whatever return address they were given.
/// </summary>
public class RedirectTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Hostile =
    [
        "https://evil.example/", "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "\\\\evil.example", "/%2f%2fevil.example",
        "/%5cevil.example", "https:evil.example", "javascript:alert(1)", "/..//evil.example", " //evil.example", "/\r\n/evil.example",
    ];

    [Fact]
    public async Task the_dashboard_sign_in_ends_on_this_origin_whatever_return_url_it_was_given()
    {
        var origin = platform.Gateway.BaseAddress!;
        var violations = new List<string>();
        using var browser = LoginPages.Browser(origin);
        foreach (var returnUrl in Hostile)
        {
            var path = "/dashboard/signin?returnUrl=" + Uri.EscapeDataString(returnUrl);
            for (var hop = 0; hop < 8 && path is not null; hop++)
            {
                using var response = await browser.GetAsync(path, Ct);
                var page = await response.Content.ReadAsStringAsync(Ct);
                if ((int)response.StatusCode >= 500) violations.Add($"{Show(returnUrl)}: {path} -> {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK && page.Contains("name=\"password\""))
                {
                    using var signedIn = await LoginPages.SignInAsync(browser, page, platform.DevUser.Email, platform.DevUser.Password, Ct);
                    path = signedIn.Headers.Location?.OriginalString;
                }
                else path = response.Headers.Location?.OriginalString;
                if (path is not null && Verdict.OffOrigin(path, origin)) { violations.Add($"{Show(returnUrl)}: redirected to {Show(path)}"); break; }
            }
        }
        violations.ShouldBeEmpty(string.Join('\n', violations));
    }

    [Fact]
    public async Task tokens_logout_never_sends_a_browser_to_an_unregistered_address()
    {
        var origin = platform.Gateway.BaseAddress!;
        using var browser = LoginPages.Browser(origin);
        var violations = new List<string>();
        foreach (var target in Hostile)
            foreach (var client in new[] { "d45b0a2d-0000-4000-8000-00000000da5b", "", "not-a-client" })
            {
                using var response = await browser.GetAsync($"/oauth/logout?client_id={client}&post_logout_redirect_uri={Uri.EscapeDataString(target)}", Ct);
                if ((int)response.StatusCode >= 500) violations.Add($"{Show(target)} ({client}) -> {(int)response.StatusCode}");
                if (response.Headers.Location is { } location && Verdict.OffOrigin(location.OriginalString, origin))
                    violations.Add($"{Show(target)} ({client}) redirected to {Show(location.OriginalString)}");
            }
        violations.ShouldBeEmpty(string.Join('\n', violations));
    }

    private static string Show(string url) => url.Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");
}
