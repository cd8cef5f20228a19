using System.Net;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tokens.Authorize;
using Platform.Tokens.Users;

namespace Platform.Tokens.Tests;

/// <summary>
/// Garbage sent to the login and consent pages, and to authorize: a 4xx page every time, never a 500,
/// and nothing written (no failed attempt counted, no consent remembered).
/// </summary>
public class HostilePageInputTests(TokensFixture fixture) : TokensContext(fixture)
{
    public static TheoryData<string> LoginAttacks() => ["NUL in the password", "NUL in the email", "NUL in the return url", "CR LF in the return url",
        "a multipart body", "a multipart body without a boundary", "a 40 kB body", "a repeated field"];

    [Theory]
    [MemberData(nameof(LoginAttacks))]
    public async Task garbage_on_the_login_page_is_a_4xx_page_and_counts_no_failed_attempt(string attack)
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var login = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Browser.Field(login, "__RequestVerificationToken")),
            new("return_url", Browser.Field(login, "return_url")),
            new("email", flow.Email),
            new("password", "wrong password"),
        };
        string Set(string name, string value) => (fields[fields.FindIndex(f => f.Key == name)] = new(name, value)).Value;

        var answer = attack switch
        {
            "NUL in the password" => await browser.PostFormAsync("/oauth/login", [.. fields.Where(f => f.Key != "password"), new("password", "wrong\0password")]),
            "NUL in the email" => await Post(browser, fields, () => Set("email", flow.Email + "\0")),
            "NUL in the return url" => await Post(browser, fields, () => Set("return_url", Browser.Field(login, "return_url") + "\0"), rightPassword: flow.Password),
            "CR LF in the return url" => await Post(browser, fields, () => Set("return_url", Browser.Field(login, "return_url") + "\r\nSet-Cookie: x=y"), rightPassword: flow.Password),
            "a multipart body" => await browser.PostAsync("/oauth/login", Multipart(fields)),
            "a multipart body without a boundary" => await browser.PostAsync("/oauth/login", Raw("x", "multipart/form-data")),
            "a 40 kB body" => await Post(browser, fields, () => Set("password", new string('p', 40 * 1024))),
            _ => await browser.PostFormAsync("/oauth/login", [.. fields, new("email", "eve@example.com")]),
        };

        ((int)answer.Status).ShouldBeInRange(400, 499, answer.Text);
        answer.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        answer.Text.ShouldNotContain("Exception");
        (await UserAsync(flow.Email)).FailedAttempts.ShouldBe(0);
    }

    public static TheoryData<string> ConsentAttacks() => ["NUL in the request", "CR LF in the request", "NUL in the decision", "a multipart body",
        "a 40 kB body", "a repeated field"];

    [Theory]
    [MemberData(nameof(ConsentAttacks))]
    public async Task garbage_on_the_consent_page_is_a_4xx_page_and_records_no_consent(string attack)
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var login = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        var consentPage = await browser.GetAsync((await browser.LoginAsync(login, flow.Email, flow.Password)).Response.Headers.Location!.ToString());
        consentPage.Text.ShouldContain("Allow");
        var request = Browser.Field(consentPage, "request");
        List<KeyValuePair<string, string>> Form(string requestValue, string decision = "allow") =>
            [new("__RequestVerificationToken", Browser.Field(consentPage, "__RequestVerificationToken")), new("request", requestValue), new("decision", decision)];

        var answer = attack switch
        {
            "NUL in the request" => await browser.PostFormAsync("/oauth/consent", Form(request.Replace("state=xyz", "state=x%00y"))),
            "CR LF in the request" => await browser.PostFormAsync("/oauth/consent", Form(request + "\r\n")),
            "NUL in the decision" => await browser.PostFormAsync("/oauth/consent", Form(request, "allow\0")),
            "a multipart body" => await browser.PostAsync("/oauth/consent", Multipart(Form(request))),
            "a 40 kB body" => await browser.PostFormAsync("/oauth/consent", Form(request + "&junk=" + new string('j', 40 * 1024))),
            _ => await browser.PostFormAsync("/oauth/consent", [.. Form(request), new("decision", "allow")]),
        };

        ((int)answer.Status).ShouldBeInRange(400, 499, answer.Text);
        answer.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var user = await UserAsync(flow.Email);
        (await session.LoadAsync<Consent>(Consent.IdFor(user.Id, flow.Client.ClientId), Ct)).ShouldBeNull();
    }

    public static TheoryData<string> AuthorizeAttacks() => ["NUL in the state", "CR LF in the state", "NUL in the client id", "CR LF in the redirect uri",
        "a 40 kB state", "a 40 kB scope", "a repeated client id", "a repeated state"];

    /// <summary>Nothing is sent back to the client with such values: our own error page, before any redirect.</summary>
    [Theory]
    [MemberData(nameof(AuthorizeAttacks))]
    public async Task hostile_authorize_queries_get_a_400_page_and_are_not_carried_back_to_the_client(string attack)
    {
        var flow = await CodeFlow.StartAsync(Api);
        var url = Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge);
        var client = Uri.EscapeDataString(flow.Client.ClientId.ToString());
        var hostile = attack switch
        {
            "NUL in the state" => url.Replace("state=xyz", "state=x%00y"),
            "CR LF in the state" => url.Replace("state=xyz", "state=x%0D%0ASet-Cookie:%20a=b"),
            "NUL in the client id" => url.Replace($"client_id={client}", $"client_id={client}%00"),
            "CR LF in the redirect uri" => url.Replace("redirect_uri=", "redirect_uri=%0D%0A"),
            "a 40 kB state" => url.Replace("state=xyz", "state=" + new string('s', 40 * 1024)),
            "a 40 kB scope" => url.Replace("scope=plans%3Aread", "scope=" + new string('s', 40 * 1024)),
            "a repeated client id" => url + $"&client_id={client}",
            _ => url + "&state=abc",
        };

        var answer = await new Browser(Tokens).GetAsync(hostile);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        answer.Text.ShouldContain("cannot continue");
    }

    private static async Task<Answer> Post(Browser browser, List<KeyValuePair<string, string>> fields, Func<string> change, string? rightPassword = null)
    {
        change();
        if (rightPassword is not null) fields[fields.FindIndex(f => f.Key == "password")] = new("password", rightPassword);
        return await browser.PostFormAsync("/oauth/login", fields);
    }

    private static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in fields) body.Add(new StringContent(value), name);
        return body;
    }

    private static StringContent Raw(string body, string mediaType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(mediaType);
        return content;
    }

    private async Task<AccountUser> UserAsync(string email)
    {
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<AccountUser>().SingleAsync(u => u.Email == AccountUser.Normalize(email), Ct);
    }
}
