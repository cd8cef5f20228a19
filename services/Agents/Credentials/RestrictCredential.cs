using Marten;
using Microsoft.Extensions.Options;
using Platform.Agents.Access;
using Platform.Agents.Verification;
using Platform.Contracts.Agents;
using Platform.Sdk.ResourceServer;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Persistence;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Credentials;

/// <summary>
/// Mint a narrower child for the sub-agent <paramref name="AgentId"/>. Omitted grants are the parent's;
/// given ones must lie within the parent's.
/// </summary>
public sealed record RestrictCredential(string AgentId, string[]? Scopes, string[]? Tools, string[]? Resources, int? LifetimeSeconds = null, long? RequestBudget = null);

public static class RestrictCredentialEndpoint
{
    public static IResult Validate(RestrictCredential? command) =>
        (command is null ? "the request body must be a JSON object" : AgentRules.AgentId(command.AgentId) ?? AgentRules.ScopeList(command.Scopes) ?? AgentRules.Patterns(command.Tools, "tools")
            ?? AgentRules.Patterns(command.Resources, "resources") ?? AgentRules.Lifetime(command.LifetimeSeconds) ?? AgentRules.Budget(command.RequestBudget))
        is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    [WolverineBefore]
    public static Task<AgentCaller> Authenticate(HttpRequest request, CredentialIndex index, CredentialLookup lookup, TimeProvider clock, CancellationToken ct) =>
        AgentCaller.AuthenticateAsync(request, index, lookup, clock.GetUtcNow(), ct);

    public static IResult Before(AgentCaller caller, HttpContext http) =>
        caller.Refusal
        ?? (!Guid.TryParse(http.GetRouteValue("id") as string, out var parentId) ? ApiError.BadRequest("id must be an agent credential id")
            : parentId != caller.Credential.Id ? ApiError.Result(StatusCodes.Status403Forbidden, "an agent credential may restrict only itself")
            : WolverineContinue.Result());

    /// <summary>The parent's stream is the caller's own: read here, appended at the version read, the child's started beside it.</summary>
    [WolverineBefore]
    public static Task<AgentCredential?> Parent(AgentCaller caller, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<AgentCredential>(caller.Credential.Id, ct);

    /// <summary>Authenticated by the credential being narrowed (Bearer + X-Agent-ID); both streams change in one transaction.</summary>
    [Refuses(StatusCodes.Status401Unauthorized, "the credential is missing, unknown or ended")]
    [Refuses(StatusCodes.Status403Forbidden, "the request asks for more than the credential holds, or past the depth limit")]
    [Refuses(StatusCodes.Status503ServiceUnavailable, "the credential index is loading")]
    [WolverinePost("/api/agents/{id}/restrict")]
    public static (Results<Created<MintedCredential>, Refused>, OutgoingMessages, IEnumerable<IMartenOp>) Post(
        RestrictCredential command, [NotBody] AgentCaller caller, [NotBody] AgentCredential? parent, IOptions<AgentsOptions> options, TimeProvider clock)
    {
        if (parent is not { Status: CredentialStatus.Active }) return (AgentCaller.Unauthorized("agent credential is no longer valid"), [], []);
        var now = clock.GetUtcNow();
        var secret = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        var (denied, minted) = Decide(command, parent, caller.Check.Scopes, options.Value, secret, Guid.CreateVersion7(), now);
        if (denied is not null) return (ApiError.Result(denied), [], []);

        var link = new ChildCredentialMinted(parent.Id, minted!.CredentialId, minted.AgentId, minted.Actor, now);
        var child = AgentCredential.Create(minted);
        return (TypedResults.Created($"/api/agents/{child.Id}", CredentialResponses.Minted(child, secret)),
        [
            CredentialAnnouncements.Minted(child, minted.Actor),
            CredentialAnnouncements.For(parent, link),
            new ExpireCredential(child.Id).ScheduledAt(child.ExpiresAt),
        ], [new AppendTo<AgentCredential>(parent.Id, parent.Version, link), MartenOps.StartStream<AgentCredential>(child.Id, minted)]);
    }

    /// <summary>
    /// The pure decision, the subset rule: the child's scopes within what the parent may use now
    /// (<paramref name="held"/>), its tools and resources within the parent's, its budget no larger, its
    /// lifetime no longer, and the chain no deeper than the limit.
    /// </summary>
    public static (Refusal? Refusal, CredentialMinted? Minted) Decide(
        RestrictCredential command, AgentCredential parent, string[] held, AgentsOptions options, string secret, Guid id, DateTimeOffset now)
    {
        if (parent.Depth >= options.MaxDepth) return (Forbidden($"agent credential depth limit of {options.MaxDepth} reached"), null);
        var scopes = command.Scopes is null ? held : AgentRules.Normalise(command.Scopes);
        if (Grants.Exceeding(held, scopes) is { Length: > 0 } extra)
            return (Forbidden($"agent credential lacks the requested scopes: {string.Join(", ", extra)}"), null);
        var tools = MintCredentialEndpoint.Normalise(command.Tools) ?? parent.Tools;
        if (Grants.FirstUncovered(parent.Tools, tools) is { } tool) return (Forbidden($"tool '{tool}' is not within the parent's tools"), null);
        var resources = MintCredentialEndpoint.Normalise(command.Resources) ?? parent.Resources;
        if (Grants.FirstUncovered(parent.Resources, resources) is { } resource) return (Forbidden($"resource '{resource}' is not within the parent's resources"), null);
        if (parent.RequestBudget is { } budget && command.RequestBudget > budget)
            return (Forbidden($"requestBudget may not exceed the parent's {budget}"), null);
        var expiresAt = Lifetime.End(now, command.LifetimeSeconds, options, parent.ExpiresAt, parent.KeyExpiresAt);
        if (expiresAt <= now) return (Refusal.Unauthorized("agent credential has expired"), null);
        return (null, new CredentialMinted(id, parent.AccountId, command.AgentId, parent.KeyId, parent.KeyExpiresAt, [.. parent.Lineage, parent.Id],
            scopes, tools, resources, command.RequestBudget, SecretFormat.Hash(secret), SecretFormat.Last4(secret), expiresAt, $"agent:{parent.Id}", now, parent.SignInId));
    }

    private static Refusal Forbidden(string message) => Refusal.For(StatusCodes.Status403Forbidden, message);
}
