using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

/// <summary>
/// A user's browser on the authorization server's pages: keeps cookies, follows nothing by itself
/// (each redirect is asserted), reads hidden fields from the HTML as a browser would submit them.
/// </summary>
public sealed partial class Browser(IAlbaHost tokens)
{
    private readonly CookieContainer _jar = new();
    private static readonly Uri Origin = new("http://localhost");

    private HttpClient Http => field ??= new HttpClient(new CookieHandler(_jar) { InnerHandler = tokens.Server.CreateHandler() }) { BaseAddress = Origin };

    public async Task<Answer> GetAsync(string url) => await Answer.From(await Http.GetAsync(url));

    public async Task<Answer> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> form) =>
        await PostAsync(url, new FormUrlEncodedContent(form));

    /// <summary>Any body, as a hostile client would send it.</summary>
    public async Task<Answer> PostAsync(string url, HttpContent body) => await Answer.From(await Http.PostAsync(url, body));

    public static string Field(Answer page, string name) =>
        WebUtility.HtmlDecode(Regex.Match(page.Text, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);

    public async Task<Answer> LoginAsync(Answer loginPage, string email, string password) => await PostFormAsync("/oauth/login", new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = Field(loginPage, "__RequestVerificationToken"),
        ["return_url"] = Field(loginPage, "return_url"),
        ["email"] = email,
        ["password"] = password,
    });

    /// <summary>The change form a person who must choose a new password gets after the right one.</summary>
    public async Task<Answer> ChangePasswordAsync(Answer changePage, string newPassword, string confirmation) => await PostFormAsync("/oauth/password", new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = Field(changePage, "__RequestVerificationToken"),
        ["return_url"] = Field(changePage, "return_url"),
        ["ticket"] = Field(changePage, "ticket"),
        ["new_password"] = newPassword,
        ["confirm_password"] = confirmation,
    });

    public async Task<Answer> ConsentAsync(Answer consentPage, string decision = "allow") => await PostFormAsync("/oauth/consent", new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = Field(consentPage, "__RequestVerificationToken"),
        ["request"] = Field(consentPage, "request"),
        ["decision"] = decision,
    });

    /// <summary>The query of the redirect back to the client.</summary>
    public static Dictionary<string, string> Callback(Answer redirect, string redirectUri)
    {
        redirect.Status.ShouldBe(HttpStatusCode.Redirect, redirect.Text);
        var location = redirect.Response.Headers.Location!.ToString();
        location.ShouldStartWith(redirectUri + "?");
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public static string AuthorizeUrl(Guid clientId, string redirectUri, string? challenge, string scope = "plans:read", string state = "xyz", string method = Pkce.S256)
    {
        var query = new Dictionary<string, string?>
        {
            [OAuthParameters.ResponseType] = "code",
            [OAuthParameters.ClientId] = clientId.ToString(),
            [OAuthParameters.RedirectUri] = redirectUri,
            [OAuthParameters.Scope] = scope,
            [OAuthParameters.State] = state,
        };
        if (challenge is not null)
        {
            query[OAuthParameters.CodeChallenge] = challenge;
            query[OAuthParameters.CodeChallengeMethod] = method;
        }
        return QueryHelpers.AddQueryString("/oauth/authorize", query);
    }

    private sealed class CookieHandler(CookieContainer jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = new Uri(Origin, request.RequestUri!);
            if (jar.GetCookieHeader(uri) is { Length: > 0 } cookies) request.Headers.Add("Cookie", cookies);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) jar.SetCookies(uri, cookie);
            return response;
        }
    }
}
