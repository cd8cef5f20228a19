using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Wolverine.Http;

namespace Platform.Tokens.Users;

/// <summary>The signed-in person: <see cref="Scopes"/> are what their sign-ins may be granted, not what this token carries.</summary>
public sealed record CurrentUser(Guid UserId, string Email, Guid AccountId, string[] Scopes, DateTimeOffset CreatedAt, bool MustChangePassword);

public static class ReadCurrentUserEndpoint
{
    [Refuses(StatusCodes.Status404NotFound, UserCommand.NotAPerson)]
    [WolverineGet(UserCommand.Me)]
    [Authorize(Policy = ManagementPolicy.Reader)]
    public static async Task<Results<Ok<CurrentUser>, Refused>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (self, refused) = await UserCommand.LoadSelfAsync(Caller.From(user), session, ct);
        if (refused is not null) return refused;
        return TypedResults.Ok(new CurrentUser(self!.Id, self.Email, self.AccountId, self.Scopes, self.CreatedAt, self.MustChangePassword));
    }
}
