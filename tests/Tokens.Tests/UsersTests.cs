using System.Net;

namespace Platform.Tokens.Tests;

/// <summary>The people of an account: created and listed by whoever manages its keys.</summary>
public class UsersTests(TokensFixture fixture) : TokensContext(fixture)
{
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
        list.Text.ShouldNotContain("password", Case.Insensitive);
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
}
