using Platform.Agents.Access;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine.Http;

namespace Platform.Agents.Credentials;

/// <summary>
/// What the management commands on a credential share, in Wolverine's aggregate workflow: the endpoint takes the
/// credential as <c>[WriteAggregate(Required = false)] AgentCredential</c> (loaded with <c>FetchForWriting</c>, so a
/// write that raced ours fails) and <see cref="Admit"/> runs before it.
/// </summary>
public static class CredentialCommand
{
    /// <summary>A credential command's route; the id is a credential id by then (<see cref="MapCredentialCommandIds"/> answers any other).</summary>
    public const string Route = "/api/agents/{id:" + StreamIdRoutes.Constraint + "}";

    /// <summary>The Before step: a missing credential and another account's answer the same 404 (another account's is not revealed).</summary>
    /// <summary>What a credential command's 404 and 409 mean, for the OpenAPI documents.</summary>
    public const string Missing = "no such agent credential in the caller's account";

    public const string Conflict = "If-Match names another version, or a concurrent write won";

    public static IResult Admit(AgentCredential? credential, HttpContext http) =>
        credential is not null && credential.AccountId == ManagementCaller.From(http.User).AccountId
            ? WolverineContinue.Result()
            : ApiError.NotFound($"no agent credential {http.GetRouteValue("id")}");

    /// <summary>A revocation's id that is not a credential id: 400, or 404 for the empty Guid, after the same authorization.</summary>
    public static IEndpointRouteBuilder MapCredentialCommandIds(this IEndpointRouteBuilder app)
    {
        app.MapOtherIds("POST", "/api/agents/{id}/revoke", "agent credential").RequireAuthorization(AgentsManagement.Policy);
        return app;
    }
}
