using Platform.Infrastructure.Errors;
namespace Platform.Agents.Parents;

/// <summary>
/// The credential an agent credential is minted from, as far as minting needs it: what it may do, until
/// when, in which account, and the API key whose authority the new credential follows (cascade).
/// </summary>
public sealed record Parent(string Kind, Guid Id, Guid AccountId, Guid KeyId, string[] Scopes, DateTimeOffset? ExpiresAt)
{
    public const string ApiKey = "key";
    public const string AccessToken = "token";

    /// <summary>How refusals name the parent.</summary>
    public string Noun => Kind == ApiKey ? "API key" : "access token";

    /// <summary>Who minted under this parent when it is not the parent itself: a manager minting for a key.</summary>
    public string? MintedBy { get; init; }

    /// <summary>The sign-in an access token parent belongs to: the credential ends with it (a sign-out cascades).</summary>
    public Guid? SignInId { get; init; }

    /// <summary>How events name the minting as their actor.</summary>
    public string Actor => MintedBy ?? $"{Kind}:{Id}";
}

/// <summary>The parent behind a bearer credential, or the refusal (in the seed's error shape) that says why there is none.</summary>
public readonly record struct ParentResolution(Parent? Parent, Refused? Refusal);

/// <summary>
/// One kind of credential agents can be minted from: API keys (verified by Keys) and access tokens
/// (JWTs signed by Tokens), each mapped into a <see cref="Parent"/>.
/// </summary>
public interface IParentResolver
{
    bool Accepts(string bearer);

    Task<ParentResolution> ResolveAsync(string bearer, CancellationToken ct);
}
