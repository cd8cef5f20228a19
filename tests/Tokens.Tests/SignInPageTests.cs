using System.Net;

namespace Platform.Tokens.Tests;

/// <summary>The sign-in pages as a browser receives them: whole documents, no script, every value the user sent encoded.</summary>
public class SignInPageTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task the_login_page_is_a_document_without_script_that_cannot_be_framed()
    {
        var flow = await CodeFlow.StartAsync(Api);

        var login = await new Browser(Tokens).GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));

        login.Status.ShouldBe(HttpStatusCode.OK);
        login.Text.TrimStart().ShouldStartWith("<!DOCTYPE html>");
        login.Text.ShouldNotContain("<script", Case.Insensitive);
        login.Text.ShouldNotContain("<!--Blazor", Case.Insensitive);
        login.Response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("default-src 'none'");
        login.Response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
        login.Response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task a_failed_sign_in_shows_the_email_back_encoded_and_the_password_never()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var login = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        const string hostile = "\"><script>alert(1)</script>@example.com";

        var again = await browser.LoginAsync(login, hostile, "a password that is wrong");

        again.Status.ShouldBe(HttpStatusCode.BadRequest);
        again.Text.ShouldNotContain("<script>");
        again.Text.ShouldNotContain("a password that is wrong");
        var shown = System.Text.RegularExpressions.Regex.Match(again.Text, "id=\"email\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        WebUtility.HtmlDecode(shown).ShouldBe(hostile);
        again.Text.ShouldContain("role=\"alert\"");
    }
}
