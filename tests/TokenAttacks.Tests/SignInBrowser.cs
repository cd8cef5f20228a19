using System.Collections.Specialized;
using System.Net;
using System.Web;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests;

/// <summary>
/// A person's browser on Tokens' pages, driven by an HttpClient: it signs in and allows consent whenever a page asks,
/// and stops at the redirect to the client so the test can read the authorization response.
/// </summary>
public sealed class SignInBrowser(Uri gateway, string email, string password) : IDisposable
{
    private readonly HttpClient _browser = LoginPages.Browser(gateway);

    public Task<HttpResponseMessage> AuthorizeAsync(IDictionary<string, string> query) => _browser.GetAsync(AuthorizeUrl(query), Api.Ct);

    public static string AuthorizeUrl(IDictionary<string, string> query) =>
        OAuth.AuthorizePath + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>The parameters of the redirect to <paramref name="redirectUri"/>, after whatever sign-in and consent it takes.</summary>
    public async Task<NameValueCollection> AuthorizationResponseAsync(IDictionary<string, string> query, string redirectUri)
    {
        var response = await AuthorizeAsync(query);
        for (var step = 0; step < 6; step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = new Uri(gateway, response.Headers.Location!);
                if (location.ToString().StartsWith(redirectUri, StringComparison.Ordinal)) return HttpUtility.ParseQueryString(location.Query);
                response = await _browser.GetAsync(location, Api.Ct);
                continue;
            }
            var page = await response.Content.ReadAsStringAsync(Api.Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
            response = page.Contains("name=\"decision\"")
                ? await LoginPages.AllowAsync(_browser, page, Api.Ct)
                : await LoginPages.SignInAsync(_browser, page, email, password, Api.Ct);
        }
        throw new InvalidOperationException("the authorization flow did not come back to the client");
    }

    public void Dispose() => _browser.Dispose();
}
