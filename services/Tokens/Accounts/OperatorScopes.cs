using Platform.Contracts;
using Platform.Tokens.Access;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Accounts;

/// <summary>
/// <c>accounts:manage</c> (<see cref="Scopes.OperatorOnly"/>) is held only in an operator account: by its users,
/// its clients and their tokens. A self-registered client has no account, so never.
/// </summary>
/// <remarks>
/// Which accounts are operators Tokens learns from Keys' <c>AccountOpened</c>, which may arrive after the first
/// run's development user is created, and never arrives for an account the offline bootstrap command made. So an
/// account not heard of yet is judged by the credential that grants: giving the scope needs a caller holding it,
/// which only an operator account's credential can (Keys gives it only that way, from the bootstrap's first key).
/// An account heard of as not an operator is refused whatever the caller holds. Note: no account id is trusted by
/// itself, the development account's fixed one included: in a real deployment nothing makes that id an operator.
/// </remarks>
public static class OperatorScopes
{
    /// <summary>Why the caller may not give these scopes to a user or client of its account, or null.</summary>
    public static string? Refusal(IEnumerable<string> requested, Caller caller, Denylist denylist)
    {
        if (requested.FirstOrDefault(Scopes.OperatorOnly.Contains) is not { } scope) return null;
        if (!caller.Scopes.Contains(scope)) return $"scope '{scope}' can be given only by a credential that holds it (an operator's)";
        return NotOperator(caller.AccountId, denylist) ? $"scope '{scope}' can be held only in an operator account" : null;
    }

    /// <summary>The token endpoint's check of the scopes a token would carry (RFC 6749 §5.2 <c>invalid_scope</c>).</summary>
    public static OAuthError? TokenRefusal(Guid accountId, IEnumerable<string> scopes, Denylist denylist) =>
        scopes.FirstOrDefault(Scopes.OperatorOnly.Contains) is { } scope && NotOperator(accountId, denylist)
            ? OAuthError.Scope($"scope '{scope}' is for operator accounts only")
            : null;

    private static bool NotOperator(Guid accountId, Denylist denylist) =>
        accountId == Guid.Empty || denylist.Account(accountId) is { Operator: false };
}
