using Marten;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;

namespace Platform.Tokens.Users;

/// <summary>
/// What the people endpoints share: the person a route names, in the caller's account, or the person calling.
/// Users are documents, not streams, so the id is parsed here rather than by a stream-id route.
/// </summary>
public static class UserCommand
{
    public const string Route = "/api/users/{id}";
    public const string Me = "/api/users/me";

    public const string BadId = "id is not a user id";
    public const string Missing = "no such user in the caller's account";

    /// <summary>
    /// Note: the honest answer when an API key or a client asks for "me": there is no person behind the credential,
    /// so the resource does not exist (404), rather than a permission the caller lacks (403).
    /// </summary>
    public const string NotAPerson = "the caller is not a signed-in person: an API key or a client has no user";

    /// <summary>The person <paramref name="id"/> names; another account's answers exactly as a missing one does.</summary>
    public static async Task<(AccountUser? User, Refused? Refusal)> LoadAsync(string id, Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var userId)) return (null, ApiError.BadRequest("id must be a user id"));
        var user = await session.LoadAsync<AccountUser>(userId, ct);
        return user is not null && user.AccountId == caller.AccountId ? (user, null) : (null, ApiError.NotFound($"no user {userId}"));
    }

    /// <summary>The person calling, with a signed-in user's access token.</summary>
    public static async Task<(AccountUser? User, Refused? Refusal)> LoadSelfAsync(Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (caller.UserId is not { } userId) return (null, ApiError.NotFound(NotAPerson));
        var user = await session.LoadAsync<AccountUser>(userId, ct);
        return user is not null && user.AccountId == caller.AccountId ? (user, null) : (null, ApiError.NotFound($"no user {userId}"));
    }
}
