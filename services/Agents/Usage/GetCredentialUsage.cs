using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Agents.Credentials;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Usage;

/// <summary>One bucket of the series: <see cref="Minute"/> is its first minute; <see cref="Denied"/> is every refusal, <see cref="Refused"/> the same by reason.</summary>
public sealed record CredentialUsagePoint(DateTimeOffset Minute, long Allowed, long Denied, CredentialRefusals Refused);

public sealed record CredentialUsage(Guid CredentialId, DateTimeOffset From, DateTimeOffset To, long Allowed, long Denied,
    IReadOnlyDictionary<string, long> DeniedTools, IReadOnlyList<CredentialUsagePoint> Minutes, CredentialRefusals Refused, int BucketMinutes);

public static class GetCredentialUsageEndpoint
{
    /// <summary>
    /// Verify outcomes of one credential over [from, to) (default: the last hour) per <c>bucketMinutes</c> (default 1),
    /// replicas added up: what it was allowed, what it was refused and why, and which tools the refusals named.
    /// Same access as <c>GET /api/agents/{id}</c>.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a credential id, or the time range or bucket is not valid")]
    [Refuses(StatusCodes.Status404NotFound, CredentialCommand.Missing)]
    [WolverineGet("/api/agents/{id}/usage")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static async Task<Results<Ok<CredentialUsage>, Refused>> Get(string id, string? from, string? to, string? bucketMinutes, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = ManagementCaller.From(user);
        if (!Guid.TryParse(id, out var credentialId)) return ApiError.BadRequest("id must be an agent credential id");
        var (start, end, problem) = TimeRange.Parse(from, to, clock.GetUtcNow());
        var (bucket, bucketProblem) = TimeRange.ParseBucket(bucketMinutes);
        if ((problem ?? bucketProblem) is { } bad) return ApiError.BadRequest(bad);
        if (await session.LoadAsync<AgentCredential>(credentialId, ct) is not { } credential || credential.AccountId != caller.AccountId)
            return ApiError.NotFound($"no agent credential {credentialId}");

        var rows = await session.Query<CredentialUsageMinute>()
            .Where(m => m.CredentialId == credentialId && m.Minute >= start && m.Minute < end).ToListAsync(ct);
        return TypedResults.Ok(Summarize(credentialId, start, end, rows, bucket));
    }

    public static CredentialUsage Summarize(Guid credentialId, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<CredentialUsageMinute> rows, int bucket = 1) =>
        new(credentialId, start, end, rows.Sum(r => r.Allowed), rows.Sum(r => r.Denied),
            rows.SelectMany(r => r.DeniedTools).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Sum(t => t.Value)),
            [.. rows.GroupBy(r => TimeRange.BucketOf(r.Minute, bucket)).OrderBy(g => g.Key)
                .Select(g => new CredentialUsagePoint(g.Key, g.Sum(r => r.Allowed), g.Sum(r => r.Denied), CredentialRefusals.Sum(g.Select(r => r.Refused))))],
            CredentialRefusals.Sum(rows.Select(r => r.Refused)), bucket);
}
