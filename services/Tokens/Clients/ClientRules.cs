using Platform.Contracts;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Clients;

/// <summary>What a client registration may say; each rule answers the problem or null.</summary>
public static class ClientRules
{
    public const int MaxNameLength = 100;
    public const int MaxRedirectUris = 20;
    public const int MaxUriLength = 2000;

    public static string? Name(string? name) => name?.Trim() switch
    {
        null or "" => "name is required",
        { Length: > MaxNameLength } => $"name must be at most {MaxNameLength} characters",
        _ => null,
    };

    public static ClientType? Type(string? value) => value?.ToLowerInvariant() switch
    {
        "confidential" => ClientType.Confidential,
        "public" => ClientType.Public,
        _ => null,
    };

    /// <summary>
    /// RFC 9700 §2.1: exact, absolute URIs without fragments; https, or http only on loopback (RFC 8252
    /// §7.3), or a private-use scheme for native apps (reverse-DNS, with a dot).
    /// </summary>
    public static string? RedirectUri(string value)
    {
        // Note: on Unix "/path" parses as an absolute file: URI, hence the scheme check on the text itself.
        if (value.Length > MaxUriLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || !value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase)) return $"redirect URI '{Cut(value)}' is not an absolute URI";
        if (uri.Fragment.Length > 0) return $"redirect URI '{Cut(value)}' must not have a fragment";
        return uri.Scheme switch
        {
            "https" => null,
            "http" when uri.IsLoopback => null,
            "http" => $"redirect URI '{Cut(value)}' must use https (http is allowed on loopback only)",
            var scheme when scheme.Contains('.') => null,
            _ => $"redirect URI '{Cut(value)}' must use https, loopback http, or a reverse-DNS private scheme",
        };
    }

    public static string? Grants(IReadOnlyList<string> grants, ClientType type)
    {
        if (grants.Count == 0) return "grantTypes must name at least one grant";
        if (grants.FirstOrDefault(g => !GrantTypes.All.Contains(g)) is { } unknown) return $"unknown grant type '{Cut(unknown)}'";
        if (type == ClientType.Public && grants.Contains(GrantTypes.ClientCredentials)) return "a public client cannot use client_credentials";
        return null;
    }

    /// <summary>
    /// Scopes from the catalogue. Note: like keys, a client may hold any scope its account's manager grants:
    /// keys:manage can already issue a key with any scope, so a narrower rule here would protect nothing. The
    /// operator's scope is the exception, as in Keys (<see cref="Accounts.OperatorScopes"/>).
    /// </summary>
    public static string? Scopes(IReadOnlyList<string> scopes) =>
        scopes.FirstOrDefault(s => !Platform.Contracts.Scopes.All.Contains(s)) is { } unknown ? $"unknown scope '{Cut(unknown)}'" : null;

    private static string Cut(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
