using Microsoft.Extensions.Options;
using Platform.Agents.Access;
using Platform.Agents.Accounts;
using Platform.Agents.KeyAuthority;
using Platform.Agents.Parents;
using Platform.Agents.Verification;
using Platform.Contracts.Keys;
using Platform.Sdk.ResourceServer;
using Platform.Secrets;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Agents.Credentials;

/// <summary>
/// Mint a credential for the agent <paramref name="AgentId"/>. Scopes default to all the parent's;
/// tools and resources (names or <c>*</c> patterns) default to unrestricted; lifetime to one hour.
/// With <paramref name="KeyId"/>, a manager of the account's keys mints under that key without its secret.
/// </summary>
public sealed record MintCredential(string AgentId, string[]? Scopes, string[]? Tools, string[]? Resources, int? LifetimeSeconds = null, long? RequestBudget = null,
    Guid? KeyId = null);

public static class MintCredentialEndpoint
{
    public static IResult Validate(MintCredential? command) =>
        (command is null ? "the request body must be a JSON object" : AgentRules.AgentId(command.AgentId) ?? AgentRules.ScopeList(command.Scopes) ?? AgentRules.Patterns(command.Tools, "tools")
            ?? AgentRules.Patterns(command.Resources, "resources") ?? AgentRules.Lifetime(command.LifetimeSeconds) ?? AgentRules.Budget(command.RequestBudget))
        is { } error ? ApiError.BadRequest(error) : WolverineContinue.Result();

    /// <summary>
    /// With <c>keyId</c>, the caller must manage the account's keys: the management scheme's own 401 or 403 otherwise
    /// (a request without a bearer credential at all is left to <see cref="Post"/>'s "API key is missing").
    /// </summary>
    public static async Task<IResult> BeforeAsync(MintCredential command, HttpContext http)
    {
        if (command.KeyId is null || BearerHeader.Read(http.Request, out _) is null) return WolverineContinue.Result();
        var (_, refusal) = await AgentsManagement.AuthenticateAsync(http);
        return refusal ?? WolverineContinue.Result();
    }

    /// <summary>
    /// From the API key or access token in the Authorization header, or, with <c>keyId</c>, under that key
    /// for a caller who manages keys; the response is the only place the secret appears.
    /// </summary>
    [Refuses(StatusCodes.Status401Unauthorized, "the key or access token is missing, unknown, stopped, or its account suspended")]
    [Refuses(StatusCodes.Status403Forbidden, "the request asks for scopes its parent does not hold")]
    [Refuses(StatusCodes.Status404NotFound, "keyId names no key of the caller's account")]
    [Refuses(StatusCodes.Status409Conflict, "the key keyId names is not active")]
    [Refuses(StatusCodes.Status503ServiceUnavailable, "Keys or the credential index cannot answer yet")]
    [WolverinePost("/api/agents")]
    public static async Task<(Results<Created<MintedCredential>, Refused>, IStartStream?, OutgoingMessages)> Post(
        MintCredential command, HttpRequest request, ParentResolvers parents, ManagedKeyParents managedKeys, CredentialIndex index,
        IOptions<AgentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var bearer = BearerHeader.Read(request, out var problem);
        if (bearer is null) return (AgentCaller.Unauthorized(problem ?? "API key is missing"), null, []);
        var (parent, refusal) = command.KeyId is { } keyId
            ? await managedKeys.ResolveAsync(request, bearer, keyId, ct)
            : await parents.ResolveAsync(bearer, ct);
        if (parent is null) return (refusal!, null, []);
        // Keys also suspends the account's keys, but an access token or a key not yet suspended must not mint meanwhile.
        if (index.Accounts.IsSuspended(parent.AccountId)) return (AgentCaller.Unauthorized(AccountStanding.MintRefusal), null, []);

        var secret = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        var (denied, minted) = Decide(command, parent, index.Key(parent.KeyId), options.Value, secret, Guid.CreateVersion7(), clock.GetUtcNow());
        if (denied is not null) return (ApiError.Result(denied), null, []);

        var credential = AgentCredential.Create(minted!);
        return (TypedResults.Created($"/api/agents/{credential.Id}", CredentialResponses.Minted(credential, secret)), MartenOps.StartStream<AgentCredential>(credential.Id, minted!),
            [CredentialAnnouncements.Minted(credential, parent.Actor), new ExpireCredential(credential.Id).ScheduledAt(credential.ExpiresAt)]);
    }

    /// <summary>The pure decision: never more than the parent holds now, never longer than it lives.</summary>
    public static (Refusal? Refusal, CredentialMinted? Minted) Decide(
        MintCredential command, Parent parent, KeyStanding? standing, AgentsOptions options, string secret, Guid id, DateTimeOffset now)
    {
        if (standing?.Refusal is { } stopped) return (Refusal.Unauthorized(stopped), null);
        var held = Grants.Narrow(parent.Scopes, standing?.Scopes);
        var scopes = command.Scopes is null ? held : AgentRules.Normalise(command.Scopes);
        if (Grants.Exceeding(held, scopes) is { Length: > 0 } extra)
            return (Refusal.For(StatusCodes.Status403Forbidden, $"{parent.Noun} lacks the requested scopes: {string.Join(", ", extra)}"), null);
        var expiresAt = Lifetime.End(now, command.LifetimeSeconds, options, parent.ExpiresAt);
        if (expiresAt <= now) return (Refusal.Unauthorized($"parent {parent.Noun} has expired"), null);
        return (null, new CredentialMinted(id, parent.AccountId, command.AgentId, parent.KeyId, parent.ExpiresAt, [], scopes,
            Normalise(command.Tools), Normalise(command.Resources), command.RequestBudget, SecretFormat.Hash(secret), SecretFormat.Last4(secret),
            expiresAt, parent.Actor, now, parent.SignInId));
    }

    public static string[]? Normalise(string[]? patterns) => patterns is null ? null : AgentRules.Normalise(patterns);
}
