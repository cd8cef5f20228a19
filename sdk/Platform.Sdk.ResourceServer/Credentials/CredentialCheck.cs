using System.Security.Claims;

namespace Platform.Sdk.ResourceServer.Credentials;

/// <summary>Who the caller is, or why not.</summary>
public readonly record struct CredentialCheck(ClaimsPrincipal? Principal, Refusal? Refusal)
{
    public static CredentialCheck Accept(ClaimsPrincipal principal) => new(principal, null);

    public static CredentialCheck Refuse(Refusal refusal) => new(null, refusal);

    public static CredentialCheck Unauthorized(string message) => new(null, Refusal.Unauthorized(message));
}
