using Platform.Contracts;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Grants;

public static class ScopeRequest
{
    /// <summary>
    /// RFC 6749 §3.3: the requested scopes, each one both in the catalogue and held by the grantor
    /// (<c>admin</c> holds them all); none requested means all the grantor holds. Never more than <paramref name="granted"/>.
    /// </summary>
    public static (IReadOnlyList<string> Scopes, OAuthError? Error) Narrow(IReadOnlyList<string> requested, IReadOnlyList<string> granted)
    {
        if (requested.Count == 0) return (granted, null);
        if (requested.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown) return ([], OAuthError.Scope($"unknown scope '{unknown}'"));
        var beyond = requested.Where(s => !Scopes.Covers(granted, s)).ToList();
        return beyond.Count == 0 ? (requested, null) : ([], OAuthError.Scope($"not granted: {string.Join(' ', beyond)}"));
    }
}
