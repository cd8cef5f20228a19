using Marten;
using Platform.Contracts;
using Platform.Keys.Accounts;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;

namespace Platform.Keys.Access;

/// <summary>
/// Managing accounts needs accounts:manage (which admin does not cover), held by a credential of an operator
/// account; reading keys needs keys:manage, admin or audit:read (auditors read, never change).
/// </summary>
public static class OperatorPolicy
{
    public const string Name = Scopes.AccountsManage;
    public const string Reader = "keys:read";

    public static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddAccountPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) => builder
        .AddAnyScopePolicy(Name, ManagementAuthentication.SchemeName, Scopes.AccountsManage)
        .AddAnyScopePolicy(Reader, ManagementAuthentication.SchemeName, Scopes.KeysManage, Scopes.Admin, Scopes.AuditRead);

    /// <summary>
    /// The scope alone is not trusted: the caller's own account must be an operator account. Only the bootstrap makes
    /// one and Keys grants the scope only to holders, but Tokens' users and clients are checked elsewhere, so check here too.
    /// </summary>
    public static async Task<Refused?> RefuseUnlessOperatorAsync(Caller caller, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Account>(caller.AccountId, ct) is { Operator: true, Status: AccountStatus.Active }
            ? null
            : ApiError.Result(StatusCodes.Status403Forbidden, "only an operator account's credentials may manage accounts");
}
