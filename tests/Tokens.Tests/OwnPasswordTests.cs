using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tokens.Users;

namespace Platform.Tokens.Tests;

/// <summary>A signed-in person changes their own password: the current one first, counted like a sign-in.</summary>
public class OwnPasswordTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const string Email = "own@example.com";
    private const string NewPassword = "a brand new password";

    private ConsoleSignIn People => field ??= new ConsoleSignIn(Tokens, Api);

    private Task<Answer> ChangeAsync(SignedIn signedIn, string? current, string? next) =>
        Api.ManageAsync(HttpMethod.Post, "/api/users/me/password", new { currentPassword = current, newPassword = next }, signedIn.AccessToken);

    private async Task<AccountUser> UserAsync(Guid id)
    {
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<AccountUser>(id, Ct))!;
    }

    [Fact]
    public async Task a_new_password_ends_the_persons_other_sign_ins_but_not_this_one()
    {
        await People.SeedAsync();
        await People.AddPersonAsync(Email);
        var here = await People.SignInAsync(Email);
        var elsewhere = await People.SignInAsync(Email);

        var changed = await ChangeAsync(here, ConsoleSignIn.Password, NewPassword);

        changed.Status.ShouldBe(HttpStatusCode.NoContent, changed.Text);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: here.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: elsewhere.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await People.RefreshAsync(elsewhere.RefreshToken)).Str("error").ShouldBe("invalid_grant");
        (await People.RefreshAsync(here.RefreshToken)).Status.ShouldBe(HttpStatusCode.OK);
        var old = await People.LoginAsync(Email, ConsoleSignIn.Password);
        old.Text.ShouldContain("Email or password is not correct");
        (await People.SignInAsync(Email, NewPassword)).AccessToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_wrong_current_password_is_400_and_counts_toward_the_lockout_like_a_failed_sign_in()
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync(Email);
        var here = await People.SignInAsync(Email);
        var elsewhere = await People.SignInAsync(Email);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await ChangeAsync(here, "not the password", NewPassword);
            (wrong.Status, wrong.Str("message")).ShouldBe((HttpStatusCode.BadRequest, ChangeOwnPasswordEndpoint.WrongPassword));
            (await UserAsync(id)).FailedAttempts.ShouldBe(i);
        }
        (await ChangeAsync(here, "not the password", NewPassword)).Status.ShouldBe(HttpStatusCode.BadRequest);
        var right = await ChangeAsync(here, ConsoleSignIn.Password, NewPassword);

        (right.Status, right.Str("message")).ShouldBe(((HttpStatusCode)429, ChangeOwnPasswordEndpoint.LockedOut));
        int.Parse(right.Response.Headers.RetryAfter!.ToString()).ShouldBeInRange(1, 15 * 60);
        (await UserAsync(id)).LockedUntil.ShouldNotBeNull();
        var login = await People.LoginAsync(Email, ConsoleSignIn.Password);
        login.Text.ShouldContain("Too many failed attempts");
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: elsewhere.AccessToken)).Status.ShouldBe(HttpStatusCode.OK, "a refusal ends no sign-in");
    }

    [Fact]
    public async Task the_new_password_follows_the_rules_and_differs_from_the_current_one_and_such_refusals_count_nothing()
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync(Email);
        var here = await People.SignInAsync(Email);

        var tooShort = await ChangeAsync(here, ConsoleSignIn.Password, "short");
        var same = await ChangeAsync(here, ConsoleSignIn.Password, ConsoleSignIn.Password);
        var noCurrent = await ChangeAsync(here, null, NewPassword);
        var asKey = await Api.ManageAsync(HttpMethod.Post, "/api/users/me/password", new { currentPassword = ConsoleSignIn.Password, newPassword = NewPassword });

        (tooShort.Status, tooShort.Str("message")).ShouldBe((HttpStatusCode.BadRequest, "newPassword must be 10 to 256 characters"));
        (same.Status, same.Str("message")).ShouldBe((HttpStatusCode.BadRequest, ChangeOwnPasswordEndpoint.Unchanged));
        (noCurrent.Status, noCurrent.Str("message")).ShouldBe((HttpStatusCode.BadRequest, "currentPassword is required"));
        (asKey.Status, asKey.Str("message")).ShouldBe((HttpStatusCode.NotFound, UserCommand.NotAPerson));
        (await UserAsync(id)).FailedAttempts.ShouldBe(0);
        (await People.SignInAsync(Email)).AccessToken.ShouldNotBeNullOrEmpty();
    }
}
