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
    public const int MaxLimit = 100;

    [Refuses(StatusCodes.Status400BadRequest, "search, limit or cursor is not valid")]
    [WolverineGet("/api/clients")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<Results<Ok<ClientPage>, Refused>> List(string? q, string? limit, string? after, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = Caller.From(user).AccountId;
        var size = 20;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit)) return ApiError.BadRequest($"limit must be between 1 and {MaxLimit}");
        var (search, badSearch) = SearchText.Parse(q);
        if (badSearch is not null) return ApiError.BadRequest(badSearch);
        var query = session.Query<OAuthClient>().Where(c => c.AccountId == account);
        if (search is not null)
            query = Guid.TryParse(search, out var id) ? query.Where(c => c.Id == id) : query.Where(c => c.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
        if (after is not null)
        {
            // UUIDv7 ids are time-ordered: keyset paging stays stable while clients are registered.
            if (!Guid.TryParse(after, out var cursor)) return ApiError.BadRequest("after must be a client id");
            query = query.Where(c => c.Id.CompareTo(cursor) < 0);
        }
        var clients = await query.OrderByDescending(c => c.Id).Take(size + 1).ToListAsync(ct);
        var page = clients.Take(size).Select(ClientView.From).ToList();
        return TypedResults.Ok(new ClientPage(page, clients.Count > size ? page[^1].ClientId : null));
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
