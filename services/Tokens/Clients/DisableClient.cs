using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Tokens;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Clients;

/// <summary>Stop a client for good: no new tokens, and its live tokens introspect as inactive from now on.</summary>
public sealed record DisableClient(string? Reason);

public static class DisableClientEndpoint
{
    public const int MaxReasonLength = 500;

    public static IResult Validate(DisableClient? command) =>
        command?.Reason?.Length > MaxReasonLength ? ApiError.BadRequest($"reason must be at most {MaxReasonLength} characters") : WolverineContinue.Result();

    public static IResult Before(OAuthClient? client, ClaimsPrincipal user, HttpContext http) => ClientCommand.Admit(client, user, http);

    [Refuses(StatusCodes.Status404NotFound, ClientCommand.Missing)]
    [Refuses(StatusCodes.Status409Conflict, ClientCommand.Conflict)]
    [WolverinePost(ClientCommand.Route + "/disable")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static (Ok<ClientView>, Events, OutgoingMessages) Post(DisableClient? command, [WriteAggregate(Required = false)] OAuthClient client, ClaimsPrincipal user, TimeProvider clock) =>
        Decide(client, command, Caller.From(user).Actor, clock.GetUtcNow()) is { } disabled
            ? (TypedResults.Ok(ClientView.From(client.Apply(disabled) with { Version = client.Version + 1 })), [disabled], [ClientAnnouncements.For(client, disabled)])
            : (TypedResults.Ok(ClientView.From(client)), [], []);

    /// <summary>Idempotent: disabling a disabled client changes nothing and announces nothing.</summary>
    public static OAuthClientDisabled? Decide(OAuthClient client, DisableClient? command, string actor, DateTimeOffset now) =>
        client.Status == ClientStatus.Disabled ? null
        : new OAuthClientDisabled(client.Id, command?.Reason?.Trim() is { Length: > 0 } given ? given : "disabled", actor, now);
}
