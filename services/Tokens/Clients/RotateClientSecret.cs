using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Tokens;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Clients;

/// <summary>Replace the secret; the old one keeps working for the overlap (default none, at most 7 days) so deployments can roll.</summary>
public sealed record RotateClientSecret(int? OverlapSeconds);

public sealed record RotatedClientSecret(Guid ClientId, string ClientSecret, DateTimeOffset? PreviousSecretValidUntil);

public static class RotateClientSecretEndpoint
{
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    public static IResult Validate(RotateClientSecret? command) =>
        command?.OverlapSeconds is < 0 || command?.OverlapSeconds > MaxOverlap.TotalSeconds
            ? ApiError.BadRequest($"overlapSeconds must be between 0 and {MaxOverlap.TotalSeconds:0}")
            : WolverineContinue.Result();

    /// <summary>The client must be the caller's, confidential and active.</summary>
    public static IResult Before(OAuthClient? client, ClaimsPrincipal user, HttpContext http) =>
        ClientCommand.Admit(client, user, http) is var admitted && admitted is not WolverineContinue ? admitted
        : client!.Type != ClientType.Confidential ? ApiError.Result(StatusCodes.Status409Conflict, "a public client has no secret")
        : client.Status != ClientStatus.Active ? ApiError.Result(StatusCodes.Status409Conflict, "the client is disabled")
        : WolverineContinue.Result();

    [Refuses(StatusCodes.Status404NotFound, ClientCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, ClientCommand.Conflict)]
    [WolverinePost(ClientCommand.Route + "/rotate-secret")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Ok<RotatedClientSecret>, Events, OutgoingMessages) Post(RotateClientSecret? command, [WriteAggregate(Required = false)] OAuthClient client, ClaimsPrincipal user, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var secret = SecretFormat.Generate(ClientIndex.SecretPrefix);
        var previousValidUntil = now + TimeSpan.FromSeconds(command?.OverlapSeconds ?? 0);
        var rotated = new OAuthClientSecretRotated(client.Id, SecretFormat.Hash(secret), previousValidUntil, Caller.From(user).Actor, now);
        return (TypedResults.Ok(new RotatedClientSecret(client.Id, secret, previousValidUntil > now ? previousValidUntil : null)), [rotated],
            [ClientAnnouncements.For(client, rotated)]);
    }
}
