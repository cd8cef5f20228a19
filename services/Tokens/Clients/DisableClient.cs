using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Tokens;
using Platform.ServiceDefaults;
using Platform.Tokens.Access;
using Wolverine;
using Wolverine.Http;

namespace Platform.Tokens.Clients;

/// <summary>Stop a client for good: no new tokens, and its live tokens introspect as inactive from now on.</summary>
public sealed record DisableClient(string? Reason);

public static class DisableClientEndpoint
{
    public const int MaxReasonLength = 500;

    public static IResult Validate(DisableClient? command) =>
        command?.Reason?.Length > MaxReasonLength ? ApiError.BadRequest($"reason must be at most {MaxReasonLength} characters") : WolverineContinue.Result();

    [WolverinePost("/api/clients/{id}/disable")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<(IResult, OutgoingMessages)> Post(string id, DisableClient? command, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (problem, stream) = await ClientCommand.LoadAsync(id, caller, session, ct);
        if (problem is not null) return (problem, []);
        var client = stream!.Aggregate!;
        // Idempotent: disabling a disabled client changes nothing and announces nothing.
        if (client.Status == ClientStatus.Disabled) return (Results.Ok(ClientView.From(client)), []);

        var now = clock.GetUtcNow();
        var reason = command?.Reason?.Trim() is { Length: > 0 } given ? given : "disabled";
        var disabled = new OAuthClientDisabled(client.Id, reason, caller.Actor, now);
        stream.AppendOne(disabled);
        return (Results.Ok(ClientView.From(client.Apply(disabled) with { Version = client.Version + 1 })),
            [ClientAnnouncements.For(client, disabled)]);
    }
}
