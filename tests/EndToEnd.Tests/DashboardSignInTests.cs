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

    private static string Subject(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')));
        return JsonDocument.Parse(json).RootElement.GetProperty("sub").GetString()!;
    }
}
