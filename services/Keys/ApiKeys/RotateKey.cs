using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Platform.Sdk.ResourceServer;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>Issue a successor; the old key keeps working for the overlap (default 24 h, at most 30 days), then expires.</summary>
public sealed record RotateKey(int? OverlapSeconds);

public static class RotateKeyEndpoint
{
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(30);

    public static IResult Validate(RotateKey? command) =>
        command is null ? ApiError.BadRequest("the body must be a JSON object") :
        command.OverlapSeconds is < 0 || command.OverlapSeconds > MaxOverlap.TotalSeconds
            ? ApiError.BadRequest($"overlapSeconds must be between 0 and {MaxOverlap.TotalSeconds:0}")
            : WolverineContinue.Result();

    /// <summary>The key must be the caller's, at the If-Match version, and neither final nor rotated already.</summary>
    public static IResult Before(ApiKey? key, HttpContext http) =>
        KeyCommand.Admit(key, http) is var admitted && admitted is not WolverineContinue ? admitted
        : Refusal(key!) is { } refusal ? ApiError.Result(refusal)
        : WolverineContinue.Result();

    /// <summary>Both streams change in one transaction: the old key links its successor, the new one its predecessor.</summary>
    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, KeyCommand.Conflict)]
    [WolverinePost(KeyCommand.Route + "/rotate")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Created<IssuedKey>, Events, IStartStream, OutgoingMessages) Post(
        RotateKey command, [WriteAggregate(Required = false)] ApiKey key, HttpContext http, TimeProvider clock)
    {
        var secret = SecretFormat.Generate(key.Environment.SecretPrefix());
        var (rotated, successor) = Decide(key, command, secret, Guid.CreateVersion7(), Caller.From(http.User).Actor, clock.GetUtcNow());

        var next = ApiKey.Create(successor);
        var response = new IssuedKey(next.Id, secret, next.Display, next.Name, next.Environment.ToString().ToLowerInvariant(), next.Scopes, next.CreatedAt, next.ExpiresAt);
        return (TypedResults.Created($"/api/keys/{next.Id}", response), [rotated], MartenOps.StartStream<ApiKey>(successor.KeyId, successor),
        [
            KeyAnnouncements.For(key, rotated),
            IssueKeyEndpoint.ToContract(next, successor),
            new ExpireKey(key.Id).ScheduledAt(rotated.OverlapEndsAt),
        ]);
    }

    public static Refusal? Refusal(ApiKey key) =>
        KeyDecision.Final(key)?.Refusal
        ?? (key.SuccessorId is { } successor ? ApiError.For(StatusCodes.Status409Conflict, $"key was already rotated to {successor}") : null);

    /// <summary>The pure decision: the old key's rotation and the successor's first event.</summary>
    public static (ApiKeyRotated Rotated, ApiKeyIssued Successor) Decide(ApiKey key, RotateKey command, string secret, Guid successorId, string actor, DateTimeOffset now)
    {
        var overlapEnds = now + (command.OverlapSeconds is { } s ? TimeSpan.FromSeconds(s) : DefaultOverlap);
        return (new ApiKeyRotated(key.Id, successorId, overlapEnds, actor, now),
            new ApiKeyIssued(successorId, key.AccountId, key.Name, key.Environment, key.Scopes, SecretFormat.Hash(secret),
                SecretFormat.Last4(secret), key.ExpiresAt, actor, now, PredecessorId: key.Id, RateLimit: key.RateLimit, Metadata: key.Metadata));
    }
}
