namespace Platform.Tokens.Protocol;

/// <summary>RFC 8707: the <c>resource</c> a token is for becomes its audience.</summary>
public static class ResourceIndicator
{
    /// <summary>
    /// The audience asked for: the named resource when it is an absolute URI without a fragment (§2) and
    /// one of <see cref="TokensOptions.Resources"/>, else <c>invalid_target</c>; no resource means the
    /// default audience, or <paramref name="bound"/> when the grant is already bound to one.
    /// </summary>
    public static (string? Audience, OAuthError? Error) Read(string? resource, TokensOptions options, string? bound = null)
    {
        if (resource is null) return (bound ?? options.Audience, null);
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || !resource.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            return (null, Target("resource must be an absolute URI without a fragment"));
        if (!options.Resources.Contains(resource, StringComparer.Ordinal)) return (null, Target("resource is not a known resource server"));
        if (bound is not null && bound != resource) return (null, Target("resource differs from the one the grant was issued for"));
        return (resource, null);
    }

    private static OAuthError Target(string description) => new(OAuthErrors.InvalidTarget, description);
}
