using System.Net;
using Platform.Tokens.Authorize;

namespace Platform.Tokens.Tests;

/// <summary>A person told to choose a new password does so on the login page, after the right one, before the flow goes on.</summary>
public class ForcedPasswordChangeTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const string Email = "forced@example.com";
    private const string NewPassword = "a brand new password";

    private ConsoleSignIn People => field ??= new ConsoleSignIn(Tokens, Api);

    [Fact]
    public async Task the_right_password_leads_to_the_change_form_and_afterwards_only_the_new_password_signs_in()
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync(Email);
        var browser = new Browser(Tokens);
        await People.SignInAsync(Email, browser: browser);
        (await Api.ManageAsync(HttpMethod.Post, $"/api/users/{id}/require-password-change")).Status.ShouldBe(HttpStatusCode.OK);
        var verifier = ConsoleSignIn.NewVerifier();

        var login = await browser.GetAsync(ConsoleSignIn.AuthorizeUrl(verifier));
        login.Text.ShouldContain("Sign in", customMessage: "the login cookie from before the requirement signs nobody in");
        var form = await browser.LoginAsync(login, Email, ConsoleSignIn.Password);

        form.Status.ShouldBe(HttpStatusCode.OK, form.Text);
        form.Text.ShouldContain("Choose a new password");
        form.Text.ShouldNotContain("<script", Case.Insensitive);
        form.Response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("frame-ancestors 'none'");
        form.Response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await browser.GetAsync(ConsoleSignIn.AuthorizeUrl(verifier))).Text.ShouldContain("Sign in", customMessage: "not signed in before the change");

        var tooShort = await browser.ChangePasswordAsync(form, "short", "short");
        (tooShort.Status, tooShort.Text.Contains("must be 10 to 256 characters")).ShouldBe((HttpStatusCode.BadRequest, true));
        var mistyped = await browser.ChangePasswordAsync(tooShort, NewPassword, NewPassword + "!");
        mistyped.Text.ShouldContain("are not the same");
        var same = await browser.ChangePasswordAsync(mistyped, ConsoleSignIn.Password, ConsoleSignIn.Password);
        same.Text.ShouldContain(PasswordEndpoint.Same);
        var changed = await browser.ChangePasswordAsync(same, NewPassword, NewPassword);

        changed.Status.ShouldBe(HttpStatusCode.Redirect, changed.Text);
        var signedIn = await People.FinishAsync(browser, changed, verifier);
        var me = await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: signedIn.AccessToken);
        me.Json.GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
        var replayed = await browser.ChangePasswordAsync(form, "yet another new password", "yet another new password");
        (replayed.Status, replayed.Text.Contains("has expired")).ShouldBe((HttpStatusCode.BadRequest, true), "a ticket works once");
        var old = await People.LoginAsync(Email, ConsoleSignIn.Password);
        old.Text.ShouldContain("Email or password is not correct");
        (await People.SignInAsync(Email, NewPassword)).AccessToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task the_change_form_refuses_a_forged_ticket_and_a_missing_antiforgery_token_and_changes_nothing()
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync(Email);
        await Api.ManageAsync(HttpMethod.Post, $"/api/users/{id}/require-password-change");
        var browser = new Browser(Tokens);
        var form = await browser.LoginAsync(await browser.GetAsync(ConsoleSignIn.AuthorizeUrl(ConsoleSignIn.NewVerifier())), Email, ConsoleSignIn.Password);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Field(form, "__RequestVerificationToken"), ["return_url"] = Browser.Field(form, "return_url"),
            ["ticket"] = Browser.Field(form, "ticket") + "x", ["new_password"] = NewPassword, ["confirm_password"] = NewPassword,
        };

        var forged = await browser.PostFormAsync(PasswordEndpoint.Path, fields);
        fields["ticket"] = Browser.Field(form, "ticket");
        fields.Remove("__RequestVerificationToken");
        var unprotected = await browser.PostFormAsync(PasswordEndpoint.Path, fields);
        fields["__RequestVerificationToken"] = Browser.Field(form, "__RequestVerificationToken");
        fields["return_url"] = "https://evil.example.com/";
        var elsewhere = await browser.PostFormAsync(PasswordEndpoint.Path, fields);

        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        unprotected.Status.ShouldBe(HttpStatusCode.BadRequest);
        elsewhere.Status.ShouldBe(HttpStatusCode.BadRequest);
        elsewhere.Response.Headers.Location.ShouldBeNull();
        var still = await browser.LoginAsync(await browser.GetAsync(ConsoleSignIn.AuthorizeUrl(ConsoleSignIn.NewVerifier())), Email, ConsoleSignIn.Password);
        still.Text.ShouldContain("Choose a new password", customMessage: "the old password still leads to the form: nothing changed");
    }
}
