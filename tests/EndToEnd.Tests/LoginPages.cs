using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests;

/// <summary>What a person does on Tokens' own pages, done with an HttpClient: sign in, allow, and PKCE.</summary>
public static class LoginPages
{
    /// <summary>A browser: keeps cookies, and stops at each redirect so the test can read it.</summary>
    public static HttpClient Browser(Uri gateway) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = gateway };

    /// <summary>A PKCE pair (RFC 7636, S256).</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string loginPage, string email, string password, CancellationToken ct) =>
        browser.PostAsync("/oauth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(loginPage, "__RequestVerificationToken"), ["return_url"] = Field(loginPage, "return_url"),
            ["email"] = email, ["password"] = password,
        }), ct);

    public static Task<HttpResponseMessage> AllowAsync(HttpClient browser, string consentPage, CancellationToken ct) =>
        browser.PostAsync("/oauth/consent", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(consentPage, "__RequestVerificationToken"), ["request"] = Field(consentPage, "request"), ["decision"] = "allow",
        }), ct);

    public static string Field(string html, string name) =>
        WebUtility.HtmlDecode(new Regex($"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Match(html).Groups[1].Value);
}
