using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.Accounts;

/// <summary>A page of accounts, newest first; pass <see cref="Next"/> as <c>after</c> for the following page.</summary>
public sealed record AccountPage(IReadOnlyList<AccountView> Items, Guid? Next);

public static class ReadAccountsEndpoint
{
    /// <summary>The caller's own account: what any reader of it may know (its name, whether it is suspended or the operators').</summary>
    [WolverineGet("/api/account")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<AccountView>, Refused>> GetOwn(ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Account>(Caller.From(user).AccountId, ct) is { } account ? AccountViews.Ok(http, account) : ApiError.NotFound("no account");

    [Refuses(StatusCodes.Status400BadRequest, "a filter, limit or cursor is not valid")]
    [WolverineGet("/api/accounts")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static async Task<Results<Ok<AccountPage>, Refused>> List(string? status, string? limit, string? after, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await OperatorPolicy.RefuseUnlessOperatorAsync(Caller.From(user), session, ct) is { } refusal) return refusal;
        AccountStatus? state = status switch
        {
            null => null,
            "active" => AccountStatus.Active,
            "suspended" => AccountStatus.Suspended,
            _ => (AccountStatus)(-1),
        };
        if (state == (AccountStatus)(-1)) return ApiError.BadRequest("status must be 'active' or 'suspended'");
        var (paging, problem) = ListPaging.Parse(q: null, limit, after, "an account id");
        if (paging is null) return ApiError.BadRequest(problem!);

        var query = session.Query<Account>().AsQueryable();
        if (state is { } s) query = query.Where(a => a.Status == s);
        if (paging.After is { } c) query = query.Where(a => a.Id.CompareTo(c) < 0);
        var (items, next) = paging.Page(await query.OrderByDescending(a => a.Id).Take(paging.Size + 1).ToListAsync(ct), AccountViews.View, v => v.Id);
        return TypedResults.Ok(new AccountPage(items, next));
    }

    [Refuses(StatusCodes.Status400BadRequest, "id is not an account id")]
    [Refuses(StatusCodes.Status404NotFound, AccountCommand.Missing)]
    [WolverineGet("/api/accounts/{id}")]
    [Authorize(Policy = OperatorPolicy.Name)]
    public static async Task<Results<Ok<AccountView>, Refused>> Get(string id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await OperatorPolicy.RefuseUnlessOperatorAsync(Caller.From(user), session, ct) is { } refusal) return refusal;
        if (!Guid.TryParse(id, out var accountId)) return ApiError.BadRequest("id must be an account id");
        return await session.LoadAsync<Account>(accountId, ct) is { } account ? AccountViews.Ok(http, account) : ApiError.NotFound($"no account {accountId}");
    }
}
