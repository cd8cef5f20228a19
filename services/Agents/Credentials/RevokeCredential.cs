using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Contracts.Agents;
using Platform.Infrastructure.Http;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Credentials;

/// <summary>Optional body of a revocation.</summary>
public sealed record RevokeCredential(string? Reason);

public static class RevokeCredentialEndpoint
{
    public const string DefaultReason = "revoked by its account";

    public static Task<OptionalJsonBody<RevokeCredential>> LoadAsync(HttpRequest request, CancellationToken ct) =>
        OptionalJsonBody.ReadAsync<RevokeCredential>(request, ct);

    public static IResult Validate(OptionalJsonBody<RevokeCredential> body) =>
        (IResult?)body.Problem ?? (AgentRules.Reason(body.Value?.Reason) is { } bad ? ApiError.BadRequest(bad) : WolverineContinue.Result());

    public static IResult Before(AgentCredential? credential, HttpContext http) => CredentialCommand.Admit(credential, http);

    /// <summary>Every credential narrowed from this one, at any depth, still active: the cascade's subjects.</summary>
    [WolverineBefore]
    public static Task<IReadOnlyList<AgentCredential>> Descendants(AgentCredential credential, IDocumentSession session, CancellationToken ct) =>
        session.Query<AgentCredential>().Where(c => c.Lineage.Contains(credential.Id) && c.Status == CredentialStatus.Active).ToListAsync(ct);

    /// <summary>
    /// Immediate and final, for the credential and every credential narrowed from it (cascade, cause
    /// "parent-revoked"), all in one transaction. Revoking a revoked credential changes nothing and answers 200.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "the body is not valid JSON, or the reason is not valid")]
    [Refuses(StatusCodes.Status404NotFound, CredentialCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, CredentialCommand.Conflict)]
    [Refuses(StatusCodes.Status415UnsupportedMediaType, "a body that is not JSON")]
    [WolverinePost(CredentialCommand.Route + "/revoke")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static (Ok<CredentialView>, Events, OutgoingMessages, IEnumerable<IMartenOp>) Post(
        [NotBody] OptionalJsonBody<RevokeCredential> body, [WriteAggregate(Required = false)] AgentCredential credential, IReadOnlyList<AgentCredential> descendants,
        HttpContext http, TimeProvider clock)
    {
        var actor = ManagementCaller.From(http.User).Actor;
        var now = clock.GetUtcNow();
        if (Decide(credential, body.Value?.Reason?.Trim() ?? DefaultReason, actor, now) is not { } revoked)
            return (TypedResults.Ok(CredentialResponses.View(credential)), [], [], []);

        var announcement = CredentialAnnouncements.For(credential, revoked);
        var cascade = Cascade.Revoke(descendants, RevocationCauses.ParentRevoked, credential.Id, announcement.EventId, actor, now);
        return (TypedResults.Ok(CredentialResponses.View(credential.Apply(revoked) with { Version = credential.Version + 1 })),
            [revoked], [announcement, .. cascade.Announcements], cascade.Appends);
    }

    public static CredentialRevoked? Decide(AgentCredential credential, string reason, string actor, DateTimeOffset now) =>
        credential.Status == CredentialStatus.Active ? new CredentialRevoked(credential.Id, reason, actor, now) : null;
}
