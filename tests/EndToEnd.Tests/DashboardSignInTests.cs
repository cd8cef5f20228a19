using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>The dashboard's path through the platform: the development user signs in (no consent page) and manages with the access token.</summary>
[Collection(nameof(PlatformCollection))]
public class DashboardSignInTests(PlatformFixture platform)
{
    /// <summary>Tokens' default <c>Tokens:Dashboard:ClientId</c>.</summary>
    private const string DashboardClientId = "d45b0a2d-0000-4000-8000-00000000da5b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task the_development_user_signs_in_to_the_dashboard_and_a_key_made_with_the_token_is_audited_as_the_user()
    {
        var redirect = Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/dashboard/signin-oauth";
        var (verifier, challenge) = LoginPages.Pkce();
        using var browser = LoginPages.Browser(Gateway.BaseAddress!);
        var authorize = "/oauth/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = DashboardClientId, ["redirect_uri"] = redirect, ["scope"] = "admin",
            ["state"] = "dash-state", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var login = await Eventually.ValueAsync(async () => await browser.GetStringAsync(authorize, Ct), page => page.Contains("Sign in"), TimeSpan.FromSeconds(10));
        var signedIn = await LoginPages.SignInAsync(browser, login, platform.DevUser.Email, platform.DevUser.Password, Ct);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // First party: straight back to the dashboard with a code, no consent page between.
        var back = await browser.GetAsync(signedIn.Headers.Location!.ToString(), Ct);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(redirect);
        var callback = back.Headers.Location.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        callback["state"].ShouldBe("dash-state");

        var answer = await Gateway.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = callback["code"], ["redirect_uri"] = redirect, ["client_id"] = DashboardClientId, ["code_verifier"] = verifier,
        }), Ct);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        tokens.GetProperty("refresh_token").GetString().ShouldNotBeNullOrEmpty();
        var userId = Subject(accessToken);

        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/keys") { Content = JsonContent.Create(new { name = "from-dashboard", environment = "test", scopes = new[] { "models:read" } }) };
        issue.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var issued = await Gateway.SendAsync(issue, Ct);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync(Ct));
        var keyId = (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var page = await Eventually.ValueAsync(async () =>
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/events?subject={keyId}");
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await Gateway.SendAsync(read, Ct);
            return await response.Content.ReadAsStringAsync(Ct);
        }, body => body.Contains("KeyIssued"), TimeSpan.FromSeconds(30));
        page.ShouldContain($"\"actor\":\"user:{userId}\"");
    }

    public static TheoryData<string> ReturnUrlsOffTheConsole() =>
    [
        "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/%09/evil.example", "/dashboard/../evil",
        "/dashboard//evil.example", "/dashboard/%2F%2Fevil.example", "/dashboard\r\n/keys", "/dashboard/keys\nSet-Cookie: a=b", "/keys", "javascript:alert(1)",
    ];

    [Theory]
    [MemberData(nameof(ReturnUrlsOffTheConsole))]
    public async Task a_return_url_off_the_console_signs_in_to_the_console_home(string returnUrl)
    {
        var landing = await SignInThroughTheConsoleAsync(returnUrl);

        landing.StatusCode.ShouldBe(HttpStatusCode.Redirect, await landing.Content.ReadAsStringAsync(Ct));
        landing.Headers.Location!.OriginalString.ShouldBe("/dashboard/");
    }

    [Fact]
    public async Task a_return_url_under_the_console_is_where_sign_in_ends()
    {
        var landing = await SignInThroughTheConsoleAsync("/dashboard/audit?subject=abc");

        landing.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        landing.Headers.Location!.OriginalString.ShouldBe("/dashboard/audit?subject=abc");
    }

    [Fact]
    public async Task the_error_page_exists_and_shows_no_details()
    {
        using var answer = await Gateway.GetAsync("/dashboard/error", Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await answer.Content.ReadAsStringAsync(Ct);
        page.ShouldContain("Something went wrong");
        page.ShouldContain("href=\"/dashboard/\"");
    }

    public static TheoryData<string, string, string?, string?, int> RequestsTheConsoleRefuses() => new()
    {
        // method, url, Content-Type, body, status: the framework's bodiless refusals and hostile sign-out forms.
        { "DELETE", "/dashboard", null, null, 405 },
        { "POST", "/dashboard/signin", null, null, 405 },
        { "PUT", "/dashboard/signed-out", null, null, 405 },
        { "GET", "/dashboard/signout", null, null, 404 },
        { "POST", "/dashboard/signout", "text/plain", "__RequestVerificationToken=x", 400 },
        { "POST", "/dashboard/signout", "application/x-www-form-urlencoded", "__RequestVerificationToken=a%00b", 400 },
        { "POST", "/dashboard/signout", "application/x-www-form-urlencoded", new string(' ', 40 * 1024) + "__RequestVerificationToken=x", 400 },
        { "POST", "/dashboard/signout", "application/x-www-form-urlencoded", "__RequestVerificationToken=" + new string('x', 40 * 1024), 400 },
    };

    [Theory]
    [MemberData(nameof(RequestsTheConsoleRefuses))]
    public async Task a_request_the_console_refuses_is_answered_with_a_page_for_a_person(string method, string url, string? contentType, string? body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var answer = await Gateway.SendAsync(request, Ct);

        ((int)answer.StatusCode).ShouldBe(status);
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        (await answer.Content.ReadAsStringAsync(Ct)).ShouldContain("<h1>");
    }

    /// <summary>The console's sign-in, as a browser follows it, up to the callback's answer (where the console sends the person).</summary>
    private async Task<HttpResponseMessage> SignInThroughTheConsoleAsync(string returnUrl)
    {
        using var browser = LoginPages.Browser(Gateway.BaseAddress!);
        var challenge = await browser.GetAsync($"/dashboard/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", Ct);
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var login = await browser.GetStringAsync(challenge.Headers.Location, Ct);
        var signedIn = await LoginPages.SignInAsync(browser, login, platform.DevUser.Email, platform.DevUser.Password, Ct);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync(Ct));
        var back = await browser.GetAsync(signedIn.Headers.Location, Ct);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.AbsolutePath.ShouldEndWith("/dashboard/signin-oauth");
        return await browser.GetAsync(back.Headers.Location, Ct);
    }

    private static string Subject(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')));
        return JsonDocument.Parse(json).RootElement.GetProperty("sub").GetString()!;
    }

    [Theory]
    [InlineData("1", "Sign-in did not complete")]
    [InlineData("true", "Sign-in did not complete")]
    [InlineData("maybe", "You are signed out")]
    [InlineData("%00", "You are signed out")]
    public async Task the_signed_out_page_reads_its_failed_flag_and_any_other_value_is_no_error(string failed, string heading)
    {
        using var page = await Gateway.GetAsync($"/dashboard/signed-out?failed={failed}", Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain(heading);
    }
}
