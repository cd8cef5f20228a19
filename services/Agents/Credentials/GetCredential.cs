using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Agents.Parents;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Credentials;

public static class GetCredentialEndpoint
{
    /// <summary>One credential of the caller's account, with its parent and children; another account's answers 404.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a credential id")]
    [Refuses(StatusCodes.Status404NotFound, CredentialCommand.Missing)]
    [WolverineGet("/api/agents/{id}")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static async Task<Results<Ok<CredentialView>, Refused>> Get(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = ManagementCaller.From(user);
        if (!Guid.TryParse(id, out var credentialId)) return ApiError.BadRequest("id must be an agent credential id");
        return await session.LoadAsync<AgentCredential>(credentialId, ct) is { } credential && credential.AccountId == caller.AccountId
            ? TypedResults.Ok(CredentialResponses.View(credential))
            : ApiError.NotFound($"no agent credential {credentialId}");
    }
}
