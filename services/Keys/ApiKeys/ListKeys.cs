using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Changes;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>A page of the caller's account's keys, newest first; pass <see cref="Next"/> as <c>after</c> for the following page.</summary>
public sealed record KeyPage(IReadOnlyList<KeyView> Items, Guid? Next);

public static class ListKeysEndpoint
{
    [Refuses(StatusCodes.Status400BadRequest, "a filter, search, limit or cursor is not valid")]
    [WolverineGet("/api/keys")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<KeyPage>, Refused>> Get(string? environment, string? status, string? q, string? limit, string? after, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = Caller.From(user).AccountId;
        if (!TryParse<KeyEnvironment>(environment, out var env)) return ApiError.BadRequest("environment must be 'live' or 'test'");
        if (!TryParse<KeyStatus>(status, out var state)) return ApiError.BadRequest("status must be one of active, suspended, revoked, expired");
        var (paging, problem) = ListPaging.Parse(q, limit, after, "a key id");
        if (paging is not { Search: var search }) return ApiError.BadRequest(problem!);

        var query = session.Query<ApiKey>().Where(k => k.AccountId == account);
        if (env is { } e) query = query.Where(k => k.Environment == e);
        if (state is { } st) query = query.Where(k => k.Status == st);
        // A name, the last characters a person sees of the secret (sk_live_…abcd), or the id itself.
        if (search is not null)
            query = Guid.TryParse(search, out var id) ? query.Where(k => k.Id == id)
                : query.Where(k => k.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || k.Display.EndsWith(search));
        if (paging.After is { } c) query = query.Where(k => k.Id.CompareTo(c) < 0);
        var (items, next) = paging.Page(await query.OrderByDescending(k => k.Id).Take(paging.Size + 1).ToListAsync(ct), KeyResponses.View, k => k.Id);
        return TypedResults.Ok(new KeyPage(items, next));
    }

    /// <summary>Absent is no filter; present must be a member's name, in lowercase as the API writes it.</summary>
    private static bool TryParse<T>(string? value, out T? parsed) where T : struct, Enum
    {
        parsed = null;
        if (value is null) return true;
        if (value.Length == 0 || !char.IsAsciiLetterLower(value[0]) || value != value.ToLowerInvariant() || !Enum.TryParse<T>(value, ignoreCase: true, out var v) || !Enum.IsDefined(v)) return false;
        parsed = v;
        return true;
    }
}
