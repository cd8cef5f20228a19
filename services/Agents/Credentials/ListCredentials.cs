using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Agents.Parents;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Credentials;

/// <summary>A page of the account's agent credentials, newest first; pass <see cref="Next"/> as <c>after</c> for the following page.</summary>
public sealed record CredentialPage(IReadOnlyList<CredentialView> Items, Guid? Next);

public static class ListCredentialsEndpoint
{
    [Refuses(StatusCodes.Status400BadRequest, "a filter, search, limit or cursor is not valid")]
    [WolverineGet("/api/agents")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static async Task<Results<Ok<CredentialPage>, Refused>> Get(string? status, string? agentId, string? q, string? limit, string? after, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = ManagementCaller.From(user);
        CredentialStatus? state = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CredentialStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s) || status != status.ToLowerInvariant())
                return ApiError.BadRequest("status must be one of active, revoked, expired");
            state = s;
        }
        if (agentId is not null && AgentRules.AgentId(agentId) is { } badAgent) return ApiError.BadRequest(badAgent);
        var (paging, problem) = ListPaging.Parse(q, limit, after, "an agent credential id");
        if (paging is not { Search: var search }) return ApiError.BadRequest(problem!);

        var query = session.Query<AgentCredential>().Where(c => c.AccountId == caller.AccountId);
        if (state is { } st) query = query.Where(c => c.Status == st);
        if (agentId is not null) query = query.Where(c => c.AgentId == agentId);
        if (search is not null)
            query = Guid.TryParse(search, out var id) ? query.Where(c => c.Id == id) : query.Where(c => c.AgentId.Contains(search, StringComparison.OrdinalIgnoreCase));
        if (paging.After is { } c) query = query.Where(x => x.Id.CompareTo(c) < 0);
        var (items, next) = paging.Page(await query.OrderByDescending(x => x.Id).Take(paging.Size + 1).ToListAsync(ct), CredentialResponses.View, v => v.Id);
        return TypedResults.Ok(new CredentialPage(items, next));
    }
}
