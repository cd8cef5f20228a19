using System.Security.Claims;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Platform.Tokens.Access;
using Wolverine.Http;

namespace Platform.Tokens.Clients;

/// <summary>
/// What the client commands share, in Wolverine's aggregate workflow: the endpoint takes the client as
/// <c>[WriteAggregate(Required = false)] OAuthClient</c> (loaded with <c>FetchForWriting</c>, so a write that raced ours
/// fails with 409) and <see cref="Admit"/> runs before it.
/// </summary>
public static class ClientCommand
{
    /// <summary>A client command's route; the id is a client id by then (<see cref="MapClientCommandIds"/> answers any other).</summary>
    public const string Route = "/api/clients/{id:" + StreamIdRoutes.Constraint + "}";

    /// <summary>The Before step: a missing client and another account's answer the same 404 (another account's is not revealed).</summary>
    /// <summary>What a client command's 404 and 409 mean, for the OpenAPI documents.</summary>
    public const string Missing = "no such client in the caller's account";

    public const string Conflict = "If-Match names another version, or a concurrent write won";

    public static IResult Admit(OAuthClient? client, ClaimsPrincipal user, HttpContext http) =>
        client is not null && client.AccountId == Caller.From(user).AccountId
            ? WolverineContinue.Result()
            : ApiError.NotFound($"no client {http.GetRouteValue("id")}");

    /// <summary>A client command's id that is not a client id: 400, or 404 for the empty Guid, after the same authorization.</summary>
    public static IEndpointRouteBuilder MapClientCommandIds(this IEndpointRouteBuilder app)
    {
        foreach (var verb in (string[])["disable", "rotate-secret"])
            app.MapOtherIds("POST", $"/api/clients/{{id}}/{verb}", "client").RequireAuthorization(ManagementPolicy.Name);
        return app;
    }
}
