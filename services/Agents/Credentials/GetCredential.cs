using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Agents.Parents;
using Platform.ServiceDefaults;
using Wolverine.Http;

namespace Platform.Agents.Credentials;

public static class GetCredentialEndpoint
{
    /// <summary>One credential of the caller's account, with its parent and children; another account's answers 404.</summary>
    [WolverineGet("/api/agents/{id}")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static async Task<IResult> Get(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = ManagementCaller.From(user);
        if (!Guid.TryParse(id, out var credentialId)) return ApiError.BadRequest("id must be an agent credential id");
        return await session.LoadAsync<AgentCredential>(credentialId, ct) is { } credential && credential.AccountId == caller.AccountId
            ? Results.Ok(CredentialResponses.View(credential))
            : ApiError.NotFound($"no agent credential {credentialId}");
    }
}
