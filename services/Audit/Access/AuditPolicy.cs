using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Platform.Contracts;
using Platform.Infrastructure.Authentication;

namespace Platform.Audit.Access;

/// <summary>
/// Who may do what in Audit, with an API key (verified by Keys) or an access token (checked here against Tokens'
/// JWKS). <see cref="Read"/>: the log, its verification, export and replay, and how webhooks and quarantine are set,
/// for auditors (audit:read), managers (keys:manage or admin) and operators (accounts:manage). <see cref="Manage"/>:
/// anything that changes (webhooks, quarantine), for managers only, so an auditor reads and never changes.
/// </summary>
public static class AuditPolicy
{
    public const string Read = "audit-read";
    public const string Manage = "audit-manage";

    public static IHostApplicationBuilder AddAuditAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAccessTokensFromJwks();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddApiKeys(Scopes.KeysManage)
            .AddManagementCredentials(ApiKeyAuthenticationHandler.SchemeName, Scopes.KeysManage);
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeRefusals>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Read, Requiring(new ScopeRequirement($"'{Scopes.AuditRead}' (or {Scopes.KeysManage})", Scopes.AuditRead, Scopes.KeysManage, Scopes.AccountsManage)))
            .AddPolicy(Manage, Requiring(new ScopeRequirement($"'{Scopes.KeysManage}'", Scopes.KeysManage)));
        builder.AddOperatorAccounts();
        return builder;
    }

    private static Action<AuthorizationPolicyBuilder> Requiring(ScopeRequirement requirement) => policy => policy
        .AddAuthenticationSchemes(ManagementAuthentication.SchemeName)
        .RequireAuthenticatedUser()
        .AddRequirements(requirement);
}
