using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;

namespace Platform.Audit.Access;

/// <summary>
/// A 403 names the scope the refused endpoint needs, in the seed's shape: reads and changes need different ones,
/// which the authentication schemes (one required scope each) cannot tell apart. Everything else as by default.
/// </summary>
public sealed class ScopeRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || result.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault() is not { } missing)
            return _default.HandleAsync(next, context, policy, result);
        var credential = context.User.Identity?.AuthenticationType == AccessTokenAuthenticationHandler.SchemeName ? "Access token" : "API key";
        return ApiError.Result(StatusCodes.Status403Forbidden, $"{credential} lacks the required scope {missing.Named}").ExecuteAsync(context);
    }
}
