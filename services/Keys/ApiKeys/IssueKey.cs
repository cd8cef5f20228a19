using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Keys;
using Platform.Keys.Access;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>Create a key. <paramref name="Environment"/> is "live" or "test".</summary>
public sealed record IssueKey(string Name, string Environment, string[]? Scopes, DateTimeOffset? ExpiresAt,
    RateLimit? RateLimit = null, Dictionary<string, string>? Metadata = null);

/// <summary>The only response that ever contains the secret.</summary>
public sealed record IssuedKey(Guid Id, string Secret, string Display, string Name, string Environment, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public static class IssueKeyEndpoint
{
    public static IResult Validate(IssueKey? command, TimeProvider clock, ClaimsPrincipal user)
    {
        if (command is null) return ApiError.BadRequest("the body must be a JSON object");
        if (KeyRules.Name(command.Name) is { } badName) return ApiError.BadRequest(badName);
        if (ParseEnvironment(command.Environment) is null) return ApiError.BadRequest("environment must be 'live' or 'test'");
        if (KeyRules.ScopeList(command.Scopes) is { } badScopes) return ApiError.BadRequest(badScopes);
        if (KeyRules.OperatorScopes(command.Scopes, user) is { } operatorOnly) return ApiError.BadRequest(operatorOnly);
        if (command.ExpiresAt <= clock.GetUtcNow()) return ApiError.BadRequest("expiresAt must be in the future");
        if (KeyRules.Limit(command.RateLimit) is { } badLimit) return ApiError.BadRequest(badLimit);
        if (KeyRules.MetadataMap(command.Metadata) is { } badMetadata) return ApiError.BadRequest(badMetadata);
        return WolverineContinue.Result();
    }

    /// <summary>In the caller's account; the response is the only place the secret ever appears.</summary>
    [WolverinePost("/api/keys")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Created<IssuedKey>, IStartStream, OutgoingMessages) Post(IssueKey command, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = Caller.From(user);
        var environment = ParseEnvironment(command.Environment)!.Value;
        var secret = SecretFormat.Generate(environment.SecretPrefix());
        var issued = Issue(command, caller.AccountId, environment, secret, Guid.CreateVersion7(), caller.Actor, clock.GetUtcNow());
        var key = ApiKey.Create(issued);
        var response = new IssuedKey(key.Id, secret, key.Display, key.Name, command.Environment.ToLowerInvariant(), key.Scopes, key.CreatedAt, key.ExpiresAt);
        OutgoingMessages messages = [ToContract(key, issued)];
        if (key.ExpiresAt is { } expiresAt) messages.Add(new ExpireKey(key.Id).ScheduledAt(expiresAt));
        return (TypedResults.Created($"/api/keys/{key.Id}", response), MartenOps.StartStream<ApiKey>(key.Id, issued), messages);
    }

    /// <summary>The pure decision: which event a valid command produces.</summary>
    public static ApiKeyIssued Issue(IssueKey command, Guid accountId, KeyEnvironment environment, string secret, Guid keyId, string actor, DateTimeOffset now) =>
        new(keyId, accountId, command.Name.Trim(), environment, KeyRules.Normalise(command.Scopes),
            SecretFormat.Hash(secret), SecretFormat.Last4(secret), command.ExpiresAt, actor, now,
            RateLimit: command.RateLimit ?? (environment == KeyEnvironment.Test ? KeyRules.TestKeyDefault : null),
            Metadata: command.Metadata);

    /// <summary>The announcement of a key's first event: version 1 of its stream.</summary>
    public static KeyIssued ToContract(ApiKey key, ApiKeyIssued e) => new(
        Guid.CreateVersion7(), key.Id, key.AccountId, key.Name, key.Environment.ToString().ToLowerInvariant(),
        key.Scopes, key.Display, key.ExpiresAt, e.Actor, e.IssuedAt) { SourceVersion = 1 };

    public static KeyEnvironment? ParseEnvironment(string? value) => value?.ToLowerInvariant() switch
    {
        "live" => KeyEnvironment.Live,
        "test" => KeyEnvironment.Test,
        _ => null,
    };
}
