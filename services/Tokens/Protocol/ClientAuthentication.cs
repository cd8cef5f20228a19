using System.Net.Http.Headers;
using System.Text;
using Microsoft.Net.Http.Headers;
using Platform.Secrets;
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

    private static readonly OAuthError Unavailable = new(OAuthErrors.TemporarilyUnavailable, "client lookup is unavailable; retry shortly", StatusCodes.Status503ServiceUnavailable);

    /// <summary>The authenticated client; or no client and no error when none was presented and <paramref name="required"/> is false.</summary>
    public static async Task<(OAuthClient? Client, OAuthError? Error)> AuthenticateAsync(HttpRequest request, OAuthForm form, ClientLookup clients, DateTimeOffset now,
        CancellationToken ct, bool required = true)
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
        // A made-up secret fails whatever the client: refused before any lookup.
        if (secret is not null && !SecretFormat.IsWellFormed(secret, ClientIndex.SecretPrefix)) return (null, refused);
        var found = await clients.FindAsync(id, ct);
        if (found.Unavailable) return (null, Unavailable);
        if (found.Value is not { Status: ClientStatus.Active } client) return (null, refused);
        if (client.Type == ClientType.Public) return secret is null ? (client, null) : (null, refused);
        if (secret is null) return (null, refused);
        if (ClientIndex.SecretMatches(client, secret, now)) return (client, null);

        // The secret may have been rotated a moment ago on another replica, before this one was told.
        var reread = await clients.RereadAsync(client.Id, secret, now, ct);
        if (reread.Unavailable) return (null, Unavailable);
        return reread.Value is { Status: ClientStatus.Active } rotated ? (rotated, null) : (null, refused);
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
