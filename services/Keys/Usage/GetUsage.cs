using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.Usage;

public sealed record UsagePoint(DateTimeOffset Minute, long Count);

public sealed record KeyUsage(Guid KeyId, DateTimeOffset From, DateTimeOffset To, long Total, DateTimeOffset? LastUsedAt, string? LastIp, IReadOnlyList<string> Ips, IReadOnlyList<UsagePoint> Minutes);

public sealed record AccountUsage(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KeyUsageTotal> Keys);

public sealed record KeyUsageTotal(Guid KeyId, long Total, DateTimeOffset LastUsedAt);

public static class GetUsageEndpoints
{
    /// <summary>Verifications of one key per minute over [from, to) (default: the last hour), replicas added up.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a key id, or the time range is not valid")]
    [Refuses(StatusCodes.Status404NotFound, ApiKeys.KeyCommand.Missing)]
    [WolverineGet("/api/keys/{id}/usage")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<KeyUsage>, Refused>> ForKey(string id, string? from, string? to, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiError.BadRequest("id must be a key id");
        var (start, end, problem) = TimeRange.Parse(from, to, clock.GetUtcNow());
        if (problem is not null) return ApiError.BadRequest(problem);
        if (await session.LoadAsync<ApiKey>(keyId, ct) is not { } key || key.AccountId != Caller.From(user).AccountId)
            return ApiError.NotFound($"no key {keyId}");

        var rows = await session.Query<KeyUsageMinute>()
            .Where(m => m.KeyId == keyId && m.Minute >= start && m.Minute < end).ToListAsync(ct);
        var last = rows.MaxBy(r => r.LastUsedAt);
        var minutes = rows.GroupBy(r => r.Minute).OrderBy(g => g.Key).Select(g => new UsagePoint(g.Key, g.Sum(r => r.Count))).ToList();
        return TypedResults.Ok(new KeyUsage(keyId, start, end, rows.Sum(r => r.Count), last?.LastUsedAt, last?.LastIp,
            [.. rows.SelectMany(r => r.Ips).Distinct()], minutes));
    }

    /// <summary>Every key of the caller's account with its verifications over [from, to), busiest first.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "the time range is not valid")]
    [WolverineGet("/api/keys/usage")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<AccountUsage>, Refused>> ForAccount(string? from, string? to, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (start, end, problem) = TimeRange.Parse(from, to, clock.GetUtcNow());
        if (problem is not null) return ApiError.BadRequest(problem);
        var account = Caller.From(user).AccountId;
        var rows = await session.Query<KeyUsageMinute>()
            .Where(m => m.AccountId == account && m.Minute >= start && m.Minute < end).ToListAsync(ct);
        var keys = rows.GroupBy(r => r.KeyId)
            .Select(g => new KeyUsageTotal(g.Key, g.Sum(r => r.Count), g.Max(r => r.LastUsedAt)))
            .OrderByDescending(k => k.Total).ToList();
        return TypedResults.Ok(new AccountUsage(start, end, keys));
    }
}
