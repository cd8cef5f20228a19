using System.Security.Claims;
using Marten;
using Platform.Infrastructure.Errors;

namespace Platform.Audit.Access;

/// <summary>
/// The account whose log a read is about: the caller's own, or the one named by <c>?account=</c>: its own id, or, for
/// an operator, any account's id or <see cref="Platform"/> (the entries of no account: signing keys, self-registered
/// clients). Anyone else naming another account gets 403 whether it exists or not, so nothing is revealed.
/// </summary>
public static class ReadableAccount
{
    public const string Platform = "platform";

    public static async Task<(Guid Account, Refused? Refusal)> ResolveAsync(string? account, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var own = AuditCaller.From(user).AccountId;
        if (account is null) return (own, null);
        Guid named;
        if (account == Platform) named = Guid.Empty;
        else if (!Guid.TryParse(account, out named)) return (own, ApiError.BadRequest($"account must be an account id or '{Platform}'"));
        if (named == own || await OperatorAccounts.IsOperatorAsync(user, session, ct)) return (named, null);
        return (own, ApiError.Result(StatusCodes.Status403Forbidden, "account is not the caller's account"));
    }
}
