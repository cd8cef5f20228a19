using Microsoft.AspNetCore.Authentication;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.AccessTokens;

namespace Platform.Audit.Access;

/// <summary>
/// Reading an account's audit log and managing its webhooks needs keys:manage (or admin), as managing its
/// keys does, held by an API key (verified by Keys) or by an access token (checked here against Tokens' JWKS).
/// </summary>
public static class AuditPolicy
{
    public const string Name = "audit";
    public const string Scope = Scopes.KeysManage;
    public const string KeysService = "keys-api";

    public static IHostApplicationBuilder AddAuditAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceClient<KeysClient>(KeysService);
        builder.Services.AddAccessTokensFromJwks();
        builder.Services.AddAuthentication(KeysApiAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, KeysApiAuthenticationHandler>(KeysApiAuthenticationHandler.SchemeName, null)
            .AddManagementCredentials(KeysApiAuthenticationHandler.SchemeName, Scope);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Name, policy => policy
            .AddAuthenticationSchemes(ManagementAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasClaim(AuditCaller.ScopeClaim, Scope) || context.User.HasClaim(AuditCaller.ScopeClaim, Scopes.Admin)));
        return builder;
    }
}
