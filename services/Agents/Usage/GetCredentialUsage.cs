using Marten;
using Platform.Agents.Access;
using Platform.Agents.Credentials;
using Platform.Agents.Parents;
using Platform.ServiceDefaults;
using Wolverine.Http;

namespace Platform.Agents.Usage;

public sealed record CredentialUsagePoint(DateTimeOffset Minute, long Allowed, long Denied);

public sealed record CredentialUsage(Guid CredentialId, DateTimeOffset From, DateTimeOffset To, long Allowed, long Denied,
    IReadOnlyDictionary<string, long> DeniedTools, IReadOnlyList<CredentialUsagePoint> Minutes);

public static class GetCredentialUsageEndpoint
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    /// <summary>
    /// Verify outcomes of one credential per minute over [from, to) (default: the last hour), replicas
    /// added up: what it was allowed, what it was refused (scope, tool, resource or budget) and which
    /// tools the refusals named. Same access as <c>GET /api/agents/{id}</c>.
    /// </summary>
    [WolverineGet("/api/agents/{id}/usage")]
    public static async Task<IResult> Get(string id, string? from, string? to, HttpRequest request, ManagementCallers callers, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(request, ct);
        if (caller is null) return refusal!;
        if (!Guid.TryParse(id, out var credentialId)) return ApiError.BadRequest("id must be an agent credential id");
        var (start, end, problem) = Range(from, to, clock.GetUtcNow());
        if (problem is not null) return ApiError.BadRequest(problem);
        if (await session.LoadAsync<AgentCredential>(credentialId, ct) is not { } credential || credential.AccountId != caller.AccountId)
            return ApiError.NotFound($"no agent credential {credentialId}");

        var rows = await session.Query<CredentialUsageMinute>()
            .Where(m => m.CredentialId == credentialId && m.Minute >= start && m.Minute < end).ToListAsync(ct);
        return Results.Ok(Summarize(credentialId, start, end, rows));
    }

    public static CredentialUsage Summarize(Guid credentialId, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<CredentialUsageMinute> rows) =>
        new(credentialId, start, end, rows.Sum(r => r.Allowed), rows.Sum(r => r.Denied),
            rows.SelectMany(r => r.DeniedTools).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Sum(t => t.Value)),
            [.. rows.GroupBy(r => r.Minute).OrderBy(g => g.Key).Select(g => new CredentialUsagePoint(g.Key, g.Sum(r => r.Allowed), g.Sum(r => r.Denied)))]);

    private static (DateTimeOffset Start, DateTimeOffset End, string? Problem) Range(string? from, string? to, DateTimeOffset now)
    {
        var end = now;
        var start = now.AddHours(-1);
        if (to is not null && !DateTimeOffset.TryParse(to, out end)) return (start, end, "to must be an ISO 8601 instant");
        if (from is not null && !DateTimeOffset.TryParse(from, out start)) return (start, end, "from must be an ISO 8601 instant");
        if (from is null) start = end.AddHours(-1);
        if (start >= end || end - start > MaxRange) return (start, end, "from must be before to, at most 31 days apart");
        return (start, end, null);
    }
}
