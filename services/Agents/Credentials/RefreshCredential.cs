using Marten;
using Microsoft.Extensions.Options;
using Platform.Agents.Access;
using Platform.Agents.Verification;
using Platform.Contracts.Agents;
using Platform.Secrets;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Http;

namespace Platform.Agents.Credentials;

/// <summary>Optional body of a refresh: a shorter lifetime than the default.</summary>
public sealed record RefreshCredential(int? LifetimeSeconds);

public static class RefreshCredentialEndpoint
{
    /// <summary>
    /// One call with the live credential (Bearer + X-Agent-ID) exchanges it for a new secret: same
    /// credential, agent and grants, new expiry. The old secret keeps working for the refresh grace, so
    /// requests already in flight succeed; it cannot itself be refreshed again.
    /// </summary>
    [WolverinePost("/api/agents/refresh")]
    public static async Task<(IResult, OutgoingMessages)> Post(
        HttpRequest request, CredentialIndex index, CredentialLookup lookup, IDocumentSession session, IOptions<AgentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (body, unreadable) = await OptionalBody.ReadAsync<RefreshCredential>(request, ct);
        if (unreadable is not null) return (unreadable, []);
        if (AgentRules.Lifetime(body?.LifetimeSeconds) is { } bad) return (ApiError.BadRequest(bad), []);
        var now = clock.GetUtcNow();
        var (check, refusal) = await AgentCaller.AuthenticateAsync(request, index, lookup, now, ct);
        if (refusal is not null) return (refusal, []);
        if (check.Previous) return (AgentCaller.Unauthorized("agent credential was already refreshed; use the new one"), []);

        var stream = await session.Events.FetchForWriting<AgentCredential>(check.Credential!.Id, ct);
        if (stream.Aggregate is not { Status: CredentialStatus.Active } credential) return (AgentCaller.Unauthorized("agent credential is no longer valid"), []);
        // The index may lag a concurrent refresh by milliseconds; the stream is the truth.
        if (credential.SecretHash != check.Credential.SecretHash) return (ApiError.Result(StatusCodes.Status409Conflict, "agent credential was refreshed meanwhile"), []);
        var parentExpiry = credential.ParentId is { } parentId ? (await session.LoadAsync<AgentCredential>(parentId, ct))?.ExpiresAt ?? now : (DateTimeOffset?)null;

        var secret = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        var refreshed = Decide(credential, body?.LifetimeSeconds, parentExpiry, options.Value, secret, now);
        if (refreshed is null) return (AgentCaller.Unauthorized("agent credential cannot outlive what it derives from"), []);
        stream.AppendOne(refreshed);
        return (Results.Ok(new RefreshedCredential(credential.Id, secret, credential.AgentId, SecretFormat.Display(SecretFormat.AgentTokenPrefix, refreshed.Last4), refreshed.ExpiresAt, refreshed.PreviousValidUntil)),
        [
            CredentialAnnouncements.For(credential, refreshed),
            new ExpireCredential(credential.Id).ScheduledAt(refreshed.ExpiresAt),
        ]);
    }

    /// <summary>The pure decision: a new expiry capped as at mint (maximum, key, parent); null when nothing is left of it.</summary>
    public static CredentialRefreshed? Decide(AgentCredential credential, int? lifetimeSeconds, DateTimeOffset? parentExpiry, AgentsOptions options, string secret, DateTimeOffset now)
    {
        var expiresAt = Lifetime.End(now, lifetimeSeconds, options, credential.KeyExpiresAt, parentExpiry);
        if (expiresAt <= now) return null;
        var graceEnds = now + options.RefreshGrace;
        return new CredentialRefreshed(credential.Id, SecretFormat.Hash(secret), SecretFormat.Last4(secret), expiresAt,
            graceEnds < credential.ExpiresAt ? graceEnds : credential.ExpiresAt, $"agent:{credential.Id}", now);
    }
}
