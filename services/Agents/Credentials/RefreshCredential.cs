using Marten;
using Microsoft.Extensions.Options;
using Platform.Agents.Access;
using Platform.Agents.Verification;
using Platform.Contracts.Agents;
using Platform.Sdk.ResourceServer;
using Platform.Secrets;
using Platform.Infrastructure.Http;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Persistence;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Credentials;

/// <summary>Optional body of a refresh: a shorter lifetime than the default.</summary>
public sealed record RefreshCredential(int? LifetimeSeconds);

/// <summary>The stream a refresh writes, found from the credential that called: as stored now, with the parent it was narrowed from.</summary>
public sealed record RefreshSubject(AgentCredential? Credential, AgentCredential? Parent);

public static class RefreshCredentialEndpoint
{
    public static Task<OptionalJsonBody<RefreshCredential>> LoadAsync(HttpRequest request, CancellationToken ct) =>
        OptionalJsonBody.ReadAsync<RefreshCredential>(request, ct);

    public static IResult Validate(OptionalJsonBody<RefreshCredential> body) =>
        (IResult?)body.Problem ?? (AgentRules.Lifetime(body.Value?.LifetimeSeconds) is { } bad ? ApiError.BadRequest(bad) : WolverineContinue.Result());

    [WolverineBefore]
    public static Task<AgentCaller> Authenticate(HttpRequest request, CredentialIndex index, CredentialLookup lookup, TimeProvider clock, CancellationToken ct) =>
        AgentCaller.AuthenticateAsync(request, index, lookup, clock.GetUtcNow(), ct);

    public static IResult Before(AgentCaller caller) =>
        caller.Refusal ?? (caller.Check.Previous ? AgentCaller.Unauthorized("agent credential was already refreshed; use the new one") : WolverineContinue.Result());

    /// <summary>The credential's stream is named by the caller, not the route: read here, appended at the version read.</summary>
    [WolverineBefore]
    public static async Task<RefreshSubject> Subject(AgentCaller caller, IDocumentSession session, CancellationToken ct)
    {
        var credential = await session.LoadAsync<AgentCredential>(caller.Credential.Id, ct);
        return new(credential, credential?.ParentId is { } parentId ? await session.LoadAsync<AgentCredential>(parentId, ct) : null);
    }

    /// <summary>
    /// One call with the live credential (Bearer + X-Agent-ID) exchanges it for a new secret: same
    /// credential, agent and grants, new expiry. The old secret keeps working for the refresh grace, so
    /// requests already in flight succeed; it cannot itself be refreshed again.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "the body is not valid JSON, or the lifetime is not valid")]
    [Refuses(StatusCodes.Status401Unauthorized, "the credential is missing, unknown, ended, or cannot outlive what it derives from")]
    [Refuses(StatusCodes.Status409Conflict, "the credential was refreshed meanwhile")]
    [Refuses(StatusCodes.Status415UnsupportedMediaType, "a body that is not JSON")]
    [Refuses(StatusCodes.Status503ServiceUnavailable, "the credential index is loading")]
    [WolverinePost("/api/agents/refresh")]
    public static (Results<Ok<RefreshedCredential>, Refused>, OutgoingMessages, IEnumerable<IMartenOp>) Post(
        [NotBody] OptionalJsonBody<RefreshCredential> body, [NotBody] AgentCaller caller, [NotBody] RefreshSubject subject, IOptions<AgentsOptions> options, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var secret = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        var (refusal, refreshed) = Decide(subject, caller.Credential.SecretHash, body.Value?.LifetimeSeconds, options.Value, secret, now);
        if (refusal is not null) return (ApiError.Result(refusal), [], []);
        var credential = subject.Credential!;
        return (TypedResults.Ok(new RefreshedCredential(credential.Id, secret, credential.AgentId, SecretFormat.Display(SecretFormat.AgentTokenPrefix, refreshed!.Last4), refreshed.ExpiresAt, refreshed.PreviousValidUntil)),
        [
            CredentialAnnouncements.For(credential, refreshed),
            new ExpireCredential(credential.Id).ScheduledAt(refreshed.ExpiresAt),
        ], [new AppendTo<AgentCredential>(credential.Id, credential.Version, refreshed)]);
    }

    /// <summary>
    /// The pure decision: a new expiry capped as at mint (maximum, key, parent), for the credential the caller
    /// presented as it is now; a refusal when it has ended, was refreshed meanwhile, or has nothing left to live.
    /// </summary>
    public static (Refusal? Refusal, CredentialRefreshed? Refreshed) Decide(
        RefreshSubject subject, string presentedHash, int? lifetimeSeconds, AgentsOptions options, string secret, DateTimeOffset now)
    {
        if (subject.Credential is not { Status: CredentialStatus.Active } credential) return (Refusal.Unauthorized("agent credential is no longer valid"), null);
        // The index may lag a concurrent refresh by milliseconds; the stream is the truth.
        if (credential.SecretHash != presentedHash) return (Refusal.For(StatusCodes.Status409Conflict, "agent credential was refreshed meanwhile"), null);
        var parentExpiry = credential.ParentId is null ? (DateTimeOffset?)null : subject.Parent?.ExpiresAt ?? now;
        var expiresAt = Lifetime.End(now, lifetimeSeconds, options, credential.KeyExpiresAt, parentExpiry);
        if (expiresAt <= now) return (Refusal.Unauthorized("agent credential cannot outlive what it derives from"), null);
        var graceEnds = now + options.RefreshGrace;
        return (null, new CredentialRefreshed(credential.Id, SecretFormat.Hash(secret), SecretFormat.Last4(secret), expiresAt,
            graceEnds < credential.ExpiresAt ? graceEnds : credential.ExpiresAt, $"agent:{credential.Id}", now));
    }
}
