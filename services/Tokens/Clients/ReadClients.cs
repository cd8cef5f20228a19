using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Platform.Tokens.Access;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Clients;

/// <summary>A page of the account's clients, newest first; pass <see cref="Next"/> as <c>after</c> for the next page.</summary>
public sealed record ClientPage(IReadOnlyList<ClientView> Items, Guid? Next);

public static class ReadClientsEndpoints
{
    [Refuses(StatusCodes.Status400BadRequest, "search, limit or cursor is not valid")]
    [WolverineGet("/api/clients")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<Results<Ok<ClientPage>, Refused>> List(string? q, string? limit, string? after, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = Caller.From(user).AccountId;
        var (paging, problem) = ListPaging.Parse(q, limit, after, "a client id");
        if (paging is not { Search: var search }) return ApiError.BadRequest(problem!);
        var query = session.Query<OAuthClient>().Where(c => c.AccountId == account);
        if (search is not null)
            query = Guid.TryParse(search, out var id) ? query.Where(c => c.Id == id) : query.Where(c => c.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
        if (paging.After is { } cursor) query = query.Where(c => c.Id.CompareTo(cursor) < 0);
        var (items, next) = paging.Page(await query.OrderByDescending(c => c.Id).Take(paging.Size + 1).ToListAsync(ct), ClientView.From, v => v.ClientId);
        return TypedResults.Ok(new ClientPage(items, next));
    }

    [Refuses(StatusCodes.Status400BadRequest, "id is not a client id")]
    [Refuses(StatusCodes.Status404NotFound, ClientCommand.Missing)]
    [WolverineGet("/api/clients/{id}")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<Results<Ok<ClientView>, Refused>> Get(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var clientId)) return ApiError.BadRequest("id must be a client id");
        var client = await session.LoadAsync<OAuthClient>(clientId, ct);
        return client?.AccountId == Caller.From(user).AccountId ? TypedResults.Ok(ClientView.From(client)) : ApiError.NotFound($"no client {clientId}");
    }
}
