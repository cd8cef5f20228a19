using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace Platform.Dashboard.Access;

/// <summary>
/// ASP.NET Core's OAuth handler (state, correlation cookie, PKCE S256) for a public client: the code is
/// redeemed with <c>client_id</c> and the PKCE verifier only. A console that runs on the operator's
/// servers could hold a secret, but then every deployment would need one provisioned; PKCE already
/// binds the code to this sign-in (RFC 9700 §2.1.1), and Tokens accepts only the registered redirect URI.
/// </summary>
public sealed class PublicClientOAuthHandler(IOptionsMonitor<OAuthOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    /// <summary>OAuthOptions insists on a secret; a public client has none, and this one is never sent.</summary>
    public const string NoSecret = "public-client";

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            ["client_id"] = Options.ClientId,
        };
        if (context.Properties.Items.TryGetValue(OAuthConstants.CodeVerifierKey, out var verifier) && verifier is not null)
        {
            form["code_verifier"] = verifier;
            context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
            // Note: the body is an RFC 6749 error (error, error_description), never a token.
            return OAuthTokenResponse.Failed(new AuthenticationFailureException($"the token endpoint refused the code: {(int)response.StatusCode} {OAuthError(body)}"));
        return OAuthTokenResponse.Success(JsonDocument.Parse(body));
    }

    private static string OAuthError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
