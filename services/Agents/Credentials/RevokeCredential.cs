using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Agents.Parents;
using Platform.Contracts.Agents;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Agents.Credentials;

/// <summary>Optional body of a revocation.</summary>
public sealed record RevokeCredential(string? Reason);

public static class RevokeCredentialEndpoint
{
    public const string DefaultReason = "revoked by its account";

    /// <summary>
    /// Immediate and final, for the credential and every credential narrowed from it (cascade, cause
    /// "parent-revoked"). Revoking a revoked credential changes nothing and answers 200.
    /// </summary>
    [WolverinePost("/api/agents/{id}/revoke")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static async Task<(IResult, OutgoingMessages)> Post(string id, HttpRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (body, unreadable) = await OptionalBody.ReadAsync<RevokeCredential>(request, ct);
        if (unreadable is not null) return (unreadable, []);
        if (AgentRules.Reason(body?.Reason) is { } bad) return (ApiError.BadRequest(bad), []);
        var caller = ManagementCaller.From(user);
        if (!Guid.TryParse(id, out var credentialId)) return (ApiError.BadRequest("id must be an agent credential id"), []);

        // Marten refuses the empty Guid as a stream id; no credential has it, so it is as unknown as any other.
        if (credentialId == Guid.Empty) return (ApiError.NotFound($"no agent credential {credentialId}"), []);
        var stream = await session.Events.FetchForWriting<AgentCredential>(credentialId, ct);
        if (stream.Aggregate is not { } credential || credential.AccountId != caller.AccountId) return (ApiError.NotFound($"no agent credential {credentialId}"), []);
        var now = clock.GetUtcNow();
        if (Decide(credential, body?.Reason?.Trim() ?? DefaultReason, caller.Actor, now) is not { } revoked) return (Results.Ok(CredentialResponses.View(credential)), []);

        stream.AppendOne(revoked);
        var announcement = CredentialAnnouncements.For(credential, revoked);
        var descendants = await session.Query<AgentCredential>()
            .Where(c => c.Lineage.Contains(credential.Id) && c.Status == CredentialStatus.Active).ToListAsync(ct);
        var messages = Cascade.Revoke(descendants, RevocationCauses.ParentRevoked, credential.Id, announcement.EventId, caller.Actor, now, session);
        messages.Insert(0, announcement);
        return (Results.Ok(CredentialResponses.View(credential.Apply(revoked) with { Version = credential.Version + 1 })), messages);
    }

    public static CredentialRevoked? Decide(AgentCredential credential, string reason, string actor, DateTimeOffset now) =>
        credential.Status == CredentialStatus.Active ? new CredentialRevoked(credential.Id, reason, actor, now) : null;
}
