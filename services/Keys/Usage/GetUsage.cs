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

/// <summary>One bucket of a series: <see cref="Count"/> admitted, <see cref="Refused"/> by reason; <see cref="Minute"/> is its first minute.</summary>
public sealed record UsagePoint(DateTimeOffset Minute, long Count, KeyRefusals Refused);

public sealed record KeyUsage(Guid KeyId, DateTimeOffset From, DateTimeOffset To, long Total, DateTimeOffset? LastUsedAt, string? LastIp,
    IReadOnlyList<string> Ips, IReadOnlyList<UsagePoint> Minutes, KeyRefusals Refused, int BucketMinutes);

/// <summary>The account's verifications: totals and a series over all its keys, and each key's with its own series.</summary>
public sealed record AccountUsage(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KeyUsageTotal> Keys, long Total, KeyRefusals Refused,
    int BucketMinutes, IReadOnlyList<UsagePoint> Minutes);

public sealed record KeyUsageTotal(Guid KeyId, long Total, DateTimeOffset? LastUsedAt, KeyRefusals Refused, IReadOnlyList<UsagePoint> Minutes);

public static class GetUsageEndpoints
{
    /// <summary>
    /// Verifications of one key over [from, to) (default: the last hour), admitted and refused by reason, replicas
    /// added up, per <c>bucketMinutes</c> (default 1); only buckets with any verification are listed.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a key id, or the time range or bucket is not valid")]
    [Refuses(StatusCodes.Status404NotFound, ApiKeys.KeyCommand.Missing)]
    [WolverineGet("/api/keys/{id}/usage")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<KeyUsage>, Refused>> ForKey(string id, string? from, string? to, string? bucketMinutes, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiError.BadRequest("id must be a key id");
        var (start, end, problem) = TimeRange.Parse(from, to, clock.GetUtcNow());
        var (bucket, bucketProblem) = TimeRange.ParseBucket(bucketMinutes);
        if ((problem ?? bucketProblem) is { } bad) return ApiError.BadRequest(bad);
        if (await session.LoadAsync<ApiKey>(keyId, ct) is not { } key || key.AccountId != Caller.From(user).AccountId)
            return ApiError.NotFound($"no key {keyId}");

        var rows = await session.Query<KeyUsageMinute>()
            .Where(m => m.KeyId == keyId && m.Minute >= start && m.Minute < end).ToListAsync(ct);
        var last = rows.MaxBy(r => r.LastUsedAt);
        return TypedResults.Ok(new KeyUsage(keyId, start, end, rows.Sum(r => r.Count), last?.LastUsedAt, last?.LastIp,
            [.. rows.SelectMany(r => r.Ips).Distinct()], Series(rows, bucket), KeyRefusals.Sum(rows.Select(r => r.Refused)), bucket));
    }

    /// <summary>
    /// The caller's account over [from, to): totals and a series per <c>bucketMinutes</c> over all its keys, and every
    /// key with a verification, admitted or refused, with its own (busiest first).
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "the time range or bucket is not valid")]
    [WolverineGet("/api/keys/usage")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<AccountUsage>, Refused>> ForAccount(string? from, string? to, string? bucketMinutes, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (start, end, problem) = TimeRange.Parse(from, to, clock.GetUtcNow());
        var (bucket, bucketProblem) = TimeRange.ParseBucket(bucketMinutes);
        if ((problem ?? bucketProblem) is { } bad) return ApiError.BadRequest(bad);
        var account = Caller.From(user).AccountId;
        var rows = await session.Query<KeyUsageMinute>()
            .Where(m => m.AccountId == account && m.Minute >= start && m.Minute < end).ToListAsync(ct);
        return TypedResults.Ok(Summarize(start, end, bucket, rows));
    }

    public static AccountUsage Summarize(DateTimeOffset start, DateTimeOffset end, int bucket, IReadOnlyList<KeyUsageMinute> rows)
    {
        var keys = rows.GroupBy(r => r.KeyId)
            .Select(g => new KeyUsageTotal(g.Key, g.Sum(r => r.Count), g.Max(r => r.LastUsedAt), KeyRefusals.Sum(g.Select(r => r.Refused)), Series(g, bucket)))
            .OrderByDescending(k => k.Total).ThenByDescending(k => k.Refused.Total).ToList();
        return new AccountUsage(start, end, keys, keys.Sum(k => k.Total), KeyRefusals.Sum(keys.Select(k => k.Refused)), bucket, Series(rows, bucket));
    }

    /// <summary>Rows (replicas and minutes) added up per bucket, oldest first.</summary>
    public static IReadOnlyList<UsagePoint> Series(IEnumerable<KeyUsageMinute> rows, int bucket) =>
        [.. rows.GroupBy(r => TimeRange.BucketOf(r.Minute, bucket)).OrderBy(g => g.Key)
            .Select(g => new UsagePoint(g.Key, g.Sum(r => r.Count), KeyRefusals.Sum(g.Select(r => r.Refused))))];
}
