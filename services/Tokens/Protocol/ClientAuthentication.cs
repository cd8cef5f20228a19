using System.Net.Http.Headers;
using System.Text;
using Microsoft.Net.Http.Headers;
using Platform.Tokens.Clients;

namespace Platform.Tokens.Protocol;

/// <summary>
/// RFC 6749 §2.3: client_secret_basic (id and secret form-urlencoded inside HTTP Basic, §2.3.1),
/// client_secret_post, or a public client naming itself with client_id alone. One method per request.
/// </summary>
public static class ClientAuthentication
{
    public const string Basic = "client_secret_basic";
    public const string Post = "client_secret_post";
    public const string None = "none";

    /// <summary>The authenticated client; or no client and no error when none was presented and <paramref name="required"/> is false.</summary>
    public static (OAuthClient? Client, OAuthError? Error) Authenticate(HttpRequest request, OAuthForm form, ClientIndex index, DateTimeOffset now, bool required = true)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        var basic = header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        string? id, secret;
        if (basic)
        {
            if (form[OAuthParameters.ClientSecret] is not null) return (null, OAuthError.Request("use one client authentication method, not two"));
            if (!TryReadBasic(header, out id, out secret)) return (null, OAuthError.Client("malformed Basic credentials", basic: true));
            if (form[OAuthParameters.ClientId] is { } named && named != id) return (null, OAuthError.Request("client_id differs from the authenticated client"));
        }
        else
        {
            (id, secret) = (form[OAuthParameters.ClientId], form[OAuthParameters.ClientSecret]);
        }
        if (id is null) return required ? (null, OAuthError.Client("client authentication is required", basic)) : (null, null);

        // Note: one message for unknown client, wrong secret and disabled client: nothing is revealed.
        var refused = OAuthError.Client("client authentication failed", basic);
        if (!index.TryFind(id, out var client) || client.Status != ClientStatus.Active) return (null, refused);
        var authenticated = client.Type == ClientType.Public ? secret is null : secret is not null && ClientIndex.SecretMatches(client, secret, now);
        return authenticated ? (client, null) : (null, refused);
    }

    private static bool TryReadBasic(string header, out string? id, out string? secret)
    {
        (id, secret) = (null, null);
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            if (colon <= 0) return false;
            id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return secret.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
