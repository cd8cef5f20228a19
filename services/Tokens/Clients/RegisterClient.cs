using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Tokens;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Accounts;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Clients;

/// <summary>Register a client. <paramref name="Type"/> is "confidential" (gets a secret) or "public" (PKCE only).</summary>
public sealed record RegisterClient(string Name, string Type, string[]? RedirectUris, string[]? Scopes, string[]? GrantTypes);

/// <summary>The only response that ever contains the client secret.</summary>
public sealed record RegisteredClient(Guid ClientId, string? ClientSecret, ClientView Client);

public static class RegisterClientEndpoint
{
    public static IResult Validate(RegisterClient? command, ClaimsPrincipal user, Denylist denylist)
    {
        if (command is null) return ApiError.BadRequest("the body must be a JSON object");
        if (ClientRules.Name(command.Name) is { } badName) return ApiError.BadRequest(badName);
        if (ClientRules.Type(command.Type) is not { } type) return ApiError.BadRequest("type must be 'confidential' or 'public'");
        var grants = command.GrantTypes ?? [];
        if (ClientRules.Grants(grants, type) is { } badGrants) return ApiError.BadRequest(badGrants);
        var redirects = command.RedirectUris ?? [];
        if (redirects.Length > ClientRules.MaxRedirectUris) return ApiError.BadRequest($"at most {ClientRules.MaxRedirectUris} redirect URIs");
        if (redirects.Select(ClientRules.RedirectUri).FirstOrDefault(p => p is not null) is { } badUri) return ApiError.BadRequest(badUri);
        if (grants.Contains(Protocol.GrantTypes.AuthorizationCode) && redirects.Length == 0) return ApiError.BadRequest("authorization_code needs at least one redirect URI");
        if (ClientRules.Scopes(command.Scopes ?? []) is { } badScopes) return ApiError.BadRequest(badScopes);
        if (OperatorScopes.Refusal(command.Scopes ?? [], Caller.From(user), denylist) is { } operatorOnly) return ApiError.BadRequest(operatorOnly);
        return WolverineContinue.Result();
    }

    [WolverinePost("/api/clients")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Created<RegisteredClient>, IStartStream, OutgoingMessages) Post(RegisterClient command, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = Caller.From(user);
        var type = ClientRules.Type(command.Type)!.Value;
        var secret = type == ClientType.Confidential ? SecretFormat.Generate(ClientIndex.SecretPrefix) : null;
        var registered = Register(command, type, secret, Guid.CreateVersion7(), caller, clock.GetUtcNow());
        var client = OAuthClient.Create(registered);
        var announcement = ClientAnnouncements.Registered(registered);
        return (TypedResults.Created($"/api/clients/{client.Id}", new RegisteredClient(client.Id, secret, ClientView.From(client with { Version = 1 }))),
            MartenOps.StartStream<OAuthClient>(client.Id, registered), [announcement]);
    }

    /// <summary>The pure decision: the event a valid registration produces.</summary>
    public static OAuthClientRegistered Register(RegisterClient command, ClientType type, string? secret, Guid id, Caller caller, DateTimeOffset now) => new(
        id, caller.AccountId, command.Name.Trim(), type, [.. (command.RedirectUris ?? []).Distinct()], [.. (command.Scopes ?? []).Distinct()],
        [.. (command.GrantTypes ?? []).Distinct()], secret is null ? null : SecretFormat.Hash(secret), caller.Actor, now);
}
