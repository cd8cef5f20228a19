using System.Net;
using Platform.Contracts.Tokens;
using Platform.Tokens.Users;
using Wolverine;
using Wolverine.Tracking;

namespace Platform.Tokens.Tests;

/// <summary>The people of an account: created, listed, removed and made to change their password by whoever manages its keys.</summary>
public class UsersTests(TokensFixture fixture) : TokensContext(fixture)
{
    private ConsoleSignIn People => field ??= new ConsoleSignIn(Tokens, Api);

    [Fact]
    public async Task users_are_listed_oldest_first_for_the_callers_account_only_and_never_with_a_password_hash()
    {
        foreach (var name in new[] { "ada", "grace" })
            (await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = $"{name}@example.com", password = "a long enough password", scopes = new[] { "models:read" } }))
                .Status.ShouldBe(HttpStatusCode.Created);
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        (await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = "someone@elsewhere.test", password = "a long enough password" }, otherAdmin))
            .Status.ShouldBe(HttpStatusCode.Created);

        var list = await Api.ManageAsync(HttpMethod.Get, "/api/users");

        list.Status.ShouldBe(HttpStatusCode.OK, list.Text);
        list.Json.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()).ShouldBe(["ada@example.com", "grace@example.com"]);
        list.Json.GetProperty("items")[0].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["models:read"]);
        list.Text.ShouldNotContain("AQAAAA", customMessage: "an Identity password hash starts so");
        list.Text.ShouldNotContain("\"password", Case.Insensitive, "no password field (mustChangePassword says only whether one is due)");
        list.Text.ShouldNotContain("hash", Case.Insensitive);
        (await Tokens.Scenario(s => { s.Get.Url("/api/users"); s.StatusCodeShouldBe(401); })).ShouldNotBeNull();
    }
    [Fact]
    public async Task concurrent_creations_of_one_email_make_one_user_and_answer_the_others_409()
    {
        var attempts = Enumerable.Range(0, 6).Select(_ => Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = "twin@example.com", password = "a long enough password" }));

        var answers = await Task.WhenAll(attempts);

        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", answers.Select(a => a.Text)));
        answers.Where(a => a.Status != HttpStatusCode.Created).ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.Str("message") == "a user with this email exists");
    }

    [Fact]
    public async Task me_is_the_signed_in_person_and_an_api_key_or_a_client_has_none()
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync("me@example.com", ["admin", "usage:read"]);
        var signedIn = await People.SignInAsync("me@example.com");

        var me = await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: signedIn.AccessToken);

        me.Status.ShouldBe(HttpStatusCode.OK, me.Text);
        me.Json.GetProperty("userId").GetGuid().ShouldBe(id);
        me.Str("email").ShouldBe("me@example.com");
        me.Json.GetProperty("accountId").GetGuid().ShouldBe(AccountId);
        me.Json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["admin", "usage:read"]);
        me.Json.GetProperty("mustChangePassword").GetBoolean().ShouldBeFalse();
        me.Json.GetProperty("createdAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        var client = await Api.RegisterAsync(grants: [Protocol.GrantTypes.ClientCredentials], scopes: ["admin"]);
        foreach (var notAPerson in new[] { Admin, await Api.AccessTokenAsync(client, "admin") })
        {
            var answer = await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: notAPerson);
            (answer.Status, answer.Str("message")).ShouldBe((HttpStatusCode.NotFound, UserCommand.NotAPerson));
        }
    }

    [Fact]
    public async Task removing_a_person_ends_every_sign_in_at_once_and_they_cannot_sign_in_again()
    {
        await People.SeedAsync();
        var goneId = await People.AddPersonAsync("gone@example.com");
        var browser = new Browser(Tokens);
        var first = await People.SignInAsync("gone@example.com", browser: browser);
        var second = await People.SignInAsync("gone@example.com");
        var admin = await People.AddPersonAsync("stays@example.com");
        var remover = await People.SignInAsync("stays@example.com");
        Answer removed = null!;

        var tracked = await Tokens.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            removed = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{goneId}", key: remover.AccessToken)));

        removed.Status.ShouldBe(HttpStatusCode.NoContent, removed.Text);
        // At once on the replica that answered: no waiting for a notification.
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: first.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: second.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await People.RefreshAsync(first.RefreshToken)).Str("error").ShouldBe("invalid_grant");
        (await browser.GetAsync(ConsoleSignIn.AuthorizeUrl(ConsoleSignIn.NewVerifier()))).Text.ShouldContain("Sign in", customMessage: "the login cookie signs nobody in");
        var again = await People.LoginAsync("gone@example.com", ConsoleSignIn.Password);
        (again.Status, again.Text.Contains("Email or password is not correct")).ShouldBe((HttpStatusCode.BadRequest, true));
        (await Api.ManageAsync(HttpMethod.Get, "/api/users")).Text.ShouldNotContain("gone@example.com");
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: remover.AccessToken)).Status.ShouldBe(HttpStatusCode.OK);
        var announced = tracked.Sent.MessagesOf<UserRemoved>().DistinctBy(e => e.EventId).ShouldHaveSingleItem();
        (announced.UserId, announced.Email, announced.Actor).ShouldBe((goneId, "gone@example.com", $"user:{admin}"));
        var ended = tracked.Sent.MessagesOf<RefreshFamilyRevoked>().DistinctBy(e => e.EventId).ToList();
        ended.Select(e => e.FamilyId).ShouldBe([first.FamilyId, second.FamilyId], ignoreOrder: true);
        ended.ShouldAllBe(e => e.Reason == "user removed" && e.Actor == $"user:{admin}");
    }

    [Fact]
    public async Task removal_answers_400_for_a_bad_id_404_for_another_accounts_person_as_for_a_missing_one_and_409_for_oneself()
    {
        await People.SeedAsync();
        var selfId = await People.AddPersonAsync("self@example.com");
        var self = await People.SignInAsync("self@example.com");
        var readOnly = await People.SignInAsync("self@example.com", scope: "usage:read");
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        var theirs = (await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = "theirs@elsewhere.test", password = ConsoleSignIn.Password }, otherAdmin))
            .Json.GetProperty("userId").GetGuid();
        var missing = Guid.CreateVersion7();

        var bad = await Api.ManageAsync(HttpMethod.Delete, "/api/users/not-a-user");
        var foreign = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{theirs}");
        var unknown = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{missing}");
        var oneself = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{selfId}", key: self.AccessToken);
        var unscoped = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{selfId}", key: readOnly.AccessToken);

        (bad.Status, bad.Str("message")).ShouldBe((HttpStatusCode.BadRequest, "id must be a user id"));
        (foreign.Status, foreign.Text).ShouldBe((HttpStatusCode.NotFound, unknown.Text.Replace(missing.ToString(), theirs.ToString())));
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        (oneself.Status, oneself.Str("message")).ShouldBe((HttpStatusCode.Conflict, RemoveUserEndpoint.SelfRemoval));
        unscoped.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: self.AccessToken)).Status.ShouldBe(HttpStatusCode.OK, "a refusal ends nothing");
        (await Api.ManageAsync(HttpMethod.Get, "/api/users", key: otherAdmin)).Text.ShouldContain("theirs@elsewhere.test");
    }

    [Fact]
    public async Task an_auditor_reads_the_people_and_their_own_sign_ins_and_password_but_removes_or_forces_no_one()
    {
        await People.SeedAsync();
        var colleague = await People.AddPersonAsync("colleague@example.com");
        await People.AddPersonAsync("auditor@example.com", ["audit:read"]);
        var auditor = await People.SignInAsync("auditor@example.com", scope: "audit:read");

        var me = await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: auditor.AccessToken);
        var people = await Api.ManageAsync(HttpMethod.Get, "/api/users", key: auditor.AccessToken);
        var sessions = await Api.ManageAsync(HttpMethod.Get, "/api/users/me/sessions", key: auditor.AccessToken);
        var remove = await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{colleague}", key: auditor.AccessToken);
        var force = await Api.ManageAsync(HttpMethod.Post, $"/api/users/{colleague}/require-password-change", new { }, auditor.AccessToken);
        var add = await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = "new@example.com", password = ConsoleSignIn.Password }, auditor.AccessToken);

        (me.Status, me.Str("email")).ShouldBe((HttpStatusCode.OK, "auditor@example.com"));
        people.Text.ShouldContain("colleague@example.com");
        sessions.Json.GetProperty("items").GetArrayLength().ShouldBe(1);
        (remove.Status, force.Status, add.Status).ShouldBe((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task requiring_a_password_change_ends_the_persons_sign_ins_and_the_list_shows_it()
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync("forced@example.com");
        var signedIn = await People.SignInAsync("forced@example.com");

        var answer = await Api.ManageAsync(HttpMethod.Post, $"/api/users/{id}/require-password-change");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        (answer.Json.GetProperty("userId").GetGuid(), answer.Json.GetProperty("mustChangePassword").GetBoolean()).ShouldBe((id, true));
        (await Api.ManageAsync(HttpMethod.Get, "/api/users/me", key: signedIn.AccessToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await People.RefreshAsync(signedIn.RefreshToken)).Str("error").ShouldBe("invalid_grant");
        var listed = (await Api.ManageAsync(HttpMethod.Get, "/api/users")).Json.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("userId").GetGuid() == id);
        listed.GetProperty("mustChangePassword").GetBoolean().ShouldBeTrue();
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        (await Api.ManageAsync(HttpMethod.Post, $"/api/users/{id}/require-password-change", key: otherAdmin)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Api.ManageAsync(HttpMethod.Post, "/api/users/42/require-password-change")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string> WhatStopsACode() => ["removed", "told to choose a new password"];

    [Theory]
    [MemberData(nameof(WhatStopsACode))]
    public async Task a_code_issued_before_the_person_was_removed_or_told_to_change_their_password_gives_no_sign_in(string change)
    {
        await People.SeedAsync();
        var id = await People.AddPersonAsync("coded@example.com");
        var browser = new Browser(Tokens);
        var verifier = ConsoleSignIn.NewVerifier();
        var afterLogin = await browser.LoginAsync(await browser.GetAsync(ConsoleSignIn.AuthorizeUrl(verifier)), "coded@example.com", ConsoleSignIn.Password);
        var code = Browser.Callback(await browser.GetAsync(afterLogin.Response.Headers.Location!.ToString()), ConsoleSignIn.Callback)["code"];

        var changed = change == "removed"
            ? await Api.ManageAsync(HttpMethod.Delete, $"/api/users/{id}")
            : await Api.ManageAsync(HttpMethod.Post, $"/api/users/{id}/require-password-change");
        changed.Status.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.OK);

        var redeemed = await People.RedeemAsync(code, verifier);
        (redeemed.Status, redeemed.Str("error")).ShouldBe((HttpStatusCode.BadRequest, "invalid_grant"));
    }
}
