using Marten;
using Platform.Contracts;
using Platform.Secrets;
using Platform.Tokens.Accounts;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;
using Platform.Tokens.Users;

namespace Platform.Tokens.Authorize;

public static class CodeIssuer
{
    /// <summary>RFC 9700 §4.2.1: codes live at most a minute; only their hash is stored.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(1);

    public static async Task<IResult> RedirectWithCodeAsync(AuthorizationRequest request, IReadOnlyList<string> scopes, AccountUser user,
        IDocumentSession session, TokensOptions options, DateTimeOffset now, string issuer, CancellationToken ct)
    {
        var code = SecretFormat.Generate(AuthorizationCode.Prefix);
        var lifetime = options.CodeLifetime < MaxLifetime ? options.CodeLifetime : MaxLifetime;
        session.Insert(new AuthorizationCode(SecretFormat.Hash(code), request.Client.Id, user.AccountId, user.Id, request.RedirectUri,
            [.. scopes], request.CodeChallenge, now, now + lifetime) { Resource = request.Resource });
        await session.SaveChangesAsync(ct);
        return new FlowRedirect(AuthorizationRequestReader.CodeRedirect(request.RedirectUri, code, request.State, issuer));
    }

    /// <summary>
    /// The redirect that refuses a code while the user's account, or the client's, is suspended: <c>access_denied</c>
    /// back to the client (RFC 6749 §4.1.2.1), whose redirect URI is verified by now. Null when neither is.
    /// </summary>
    public static string? SuspendedRefusal(AuthorizationRequest request, AccountUser user, Denylist denylist, string issuer) =>
        denylist.IsSuspended(user.AccountId) || denylist.IsSuspended(request.Client.AccountId)
            ? AuthorizationRequestReader.ErrorRedirect(request.RedirectUri, OAuthErrors.AccessDenied, SuspendedAccount.Description, request.State, issuer)
            : null;

    /// <summary>What the user can grant: the requested scopes they hold themselves (a user holding admin holds them all).</summary>
    public static IReadOnlyList<string> Grantable(AuthorizationRequest request, AccountUser user) =>
        request.Scopes.Where(s => Scopes.Covers(user.Scopes, s)).ToList();
}
