using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Tokens;
using Platform.Secrets;
using Platform.ServiceDefaults;
using Platform.Tokens.Access;
using Wolverine;
using Wolverine.Http;

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

    [WolverinePost("/api/clients/{id}/rotate-secret")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<(IResult, OutgoingMessages)> Post(string id, RotateClientSecret? command, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (problem, stream) = await ClientCommand.LoadAsync(id, caller, session, ct);
        if (problem is not null) return (problem, []);
        var client = stream!.Aggregate!;
        if (client.Type != ClientType.Confidential) return (ApiError.Result(StatusCodes.Status409Conflict, "a public client has no secret"), []);
        if (client.Status != ClientStatus.Active) return (ApiError.Result(StatusCodes.Status409Conflict, "the client is disabled"), []);

        var now = clock.GetUtcNow();
        var secret = SecretFormat.Generate(ClientIndex.SecretPrefix);
        var previousValidUntil = now + TimeSpan.FromSeconds(command?.OverlapSeconds ?? 0);
        var rotated = new OAuthClientSecretRotated(client.Id, SecretFormat.Hash(secret), previousValidUntil, caller.Actor, now);
        stream.AppendOne(rotated);
        return (Results.Ok(new RotatedClientSecret(client.Id, secret, previousValidUntil > now ? previousValidUntil : null)),
            [ClientAnnouncements.For(client, rotated)]);
    }
}
