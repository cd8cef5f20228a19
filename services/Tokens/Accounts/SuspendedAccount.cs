using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Accounts;

/// <summary>While an account is suspended Tokens issues it nothing, and what it issued before is refused (until reinstated).</summary>
public static class SuspendedAccount
{
    public const string Description = "the account is suspended";

    /// <summary>
    /// Note: <c>invalid_grant</c> for every grant, whether the suspended account is the client's or the token's
    /// (RFC 6749 §5.2: the grant is "revoked"; for client_credentials the client's credentials are the grant,
    /// §1.3.4). Not <c>invalid_client</c>: the client did authenticate, and a 401 would send it looking for a
    /// wrong secret rather than at the account.
    /// </summary>
    public static OAuthError? Refusal(Denylist denylist, params Guid[] accounts) =>
        accounts.Any(denylist.IsSuspended) ? OAuthError.Grant(Description) : null;
}
