using System.Net;
using Platform.Tokens.Users;

namespace Platform.Tokens.Tests;

/// <summary>A signed-in person's own sign-ins: listed with the current one marked, and ended one at a time.</summary>
public class OwnSessionsTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const string Email = "sessions@example.com";

    private ConsoleSignIn People => field ??= new ConsoleSignIn(Tokens, Api);

    [Fact]
    public async Task a_person_lists_their_live_sign_ins_most_recently_active_first_with_the_current_one_marked()
    {
        await People.SeedAsync();
        await People.AddPersonAsync(Email);
        await People.AddPersonAsync("someone@example.com");
        var here = await People.SignInAsync(Email);
        var elsewhere = await People.SignInAsync(Email);
        (await People.RefreshAsync(elsewhere.RefreshToken)).Status.ShouldBe(HttpStatusCode.OK);
        var signedOut = await People.SignInAsync(Email);
        (await Api.PostFormAsync("/oauth/revoke", [new("token", signedOut.RefreshToken), new("client_id", ConsoleSignIn.ClientId)])).Status.ShouldBe(HttpStatusCode.OK);
        await People.SignInAsync("someone@example.com");

        var answer = await Api.ManageAsync(HttpMethod.Get, "/api/users/me/sessions", key: here.AccessToken);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        var items = answer.Json.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe([elsewhere.FamilyId, here.FamilyId]);
        items.Select(i => i.GetProperty("current").GetBoolean()).ShouldBe([false, true]);
        items.ShouldAllBe(i => i.GetProperty("clientId").GetString() == ConsoleSignIn.ClientId && i.GetProperty("clientName").GetString() == "Platform dashboard");
        var refreshed = items[0];
        refreshed.GetProperty("lastActiveAt").GetDateTimeOffset().ShouldBeGreaterThan(refreshed.GetProperty("startedAt").GetDateTimeOffset());
        refreshed.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(13));
        var asKey = await Api.ManageAsync(HttpMethod.Get, "/api/users/me/sessions");
        (asKey.Status, asKey.Str("message")).ShouldBe((HttpStatusCode.NotFound, UserCommand.NotAPerson));
    }

    [Fact]
    public async Task a_person_ends_one_of_their_own_sign_ins_at_once_and_never_someone_elses()
    {
        await People.SeedAsync();
        await People.AddPersonAsync(Email);
        await People.AddPersonAsync("someone@example.com");
        var here = await People.SignInAsync(Email);
        var elsewhere = await People.SignInAsync(Email);
        var theirs = await People.SignInAsync("someone@example.com");

        var ended = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/me/sessions/{elsewhere.FamilyId}", key: here.AccessToken);

        ended.Status.ShouldBe(HttpStatusCode.NoContent, ended.Text);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: elsewhere.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await People.RefreshAsync(elsewhere.RefreshToken)).Str("error").ShouldBe("invalid_grant");
        (await Api.ManageAsync(HttpMethod.Delete, $"/api/users/me/sessions/{elsewhere.FamilyId}", key: here.AccessToken)).Status.ShouldBe(HttpStatusCode.NoContent, "again: still ended");
        var others = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/me/sessions/{theirs.FamilyId}", key: here.AccessToken);
        var unknown = Guid.CreateVersion7();
        var missing = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/me/sessions/{unknown}", key: here.AccessToken);
        (others.Status, others.Text).ShouldBe((HttpStatusCode.NotFound, missing.Text.Replace(unknown.ToString(), theirs.FamilyId.ToString())));
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: theirs.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.ManageAsync(HttpMethod.Delete, "/api/users/me/sessions/not-a-session", key: here.AccessToken)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Api.ManageAsync(HttpMethod.Delete, $"/api/users/me/sessions/{here.FamilyId}")).Status.ShouldBe(HttpStatusCode.NotFound, "an API key has no sign-ins");

        (await Api.ManageAsync(HttpMethod.Delete, $"/api/users/me/sessions/{here.FamilyId}", key: here.AccessToken)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: here.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized, "ending the current one signs out");
    }
}
