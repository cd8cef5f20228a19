using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Clients;
using Platform.Tokens.Refresh;
using Wolverine.Http;

namespace Platform.Tokens.Users;

/// <summary>
/// One of the person's live sign-ins (a refresh family): <see cref="LastActiveAt"/> is its last refresh, <see cref="ExpiresAt"/>
/// when it ends unless refreshed again, <see cref="Current"/> whether the calling access token belongs to it.
/// </summary>
public sealed record SessionView(Guid Id, Guid ClientId, string ClientName, DateTimeOffset StartedAt, DateTimeOffset LastActiveAt, DateTimeOffset ExpiresAt, bool Current);

public sealed record SessionList(IReadOnlyList<SessionView> Items);

public static class ListOwnSessionsEndpoint
{
    public const string UnknownClient = "unknown client";

    [Refuses(StatusCodes.Status404NotFound, UserCommand.NotAPerson)]
    [WolverineGet(UserCommand.Me + "/sessions")]
    [Authorize(Policy = ManagementPolicy.Reader)]
    public static async Task<Results<Ok<SessionList>, Refused>> Get(ClaimsPrincipal user, IQuerySession session, ClientLookup clients,
        IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (self, refused) = await UserCommand.LoadSelfAsync(caller, session, ct);
        if (refused is not null) return refused;
        var now = clock.GetUtcNow();
        var families = await SignIns.OpenAsync(session, self!.Id, self.AccountId, now, ct);
        var names = new Dictionary<Guid, string>();
        foreach (var clientId in families.Select(f => f.ClientId).Distinct())
            names[clientId] = (await clients.FindAsync(clientId.ToString(), ct)).Value?.Name ?? UnknownClient;
        return TypedResults.Ok(View(families, caller.SignInId, names, now, options.Value.Refresh));
    }

    /// <summary>The pure view: live families only (an idle one past its end is not listed), the most recently active first.</summary>
    public static SessionList View(IEnumerable<RefreshFamily> families, Guid? current, IReadOnlyDictionary<Guid, string> clientNames, DateTimeOffset now, RefreshOptions options) =>
        new([.. families.Where(f => SignIns.IsLive(f, now, options)).OrderByDescending(f => f.LastRotatedAt).Select(f => new SessionView(
            f.Id, f.ClientId, clientNames.GetValueOrDefault(f.ClientId, UnknownClient), f.StartedAt, f.LastRotatedAt, SignIns.EndsAt(f, options), f.Id == current))]);
}
