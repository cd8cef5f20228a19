using Marten;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.Tokens.Users;

namespace Platform.Tokens.Authorize;

public static class CodeIssuer
{
    /// <summary>RFC 9700 §4.2.1: codes live at most a minute; only their hash is stored.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(1);

    public static async Task<IResult> RedirectWithCodeAsync(AuthorizationRequest request, IReadOnlyList<string> scopes, AccountUser user,
        IDocumentSession session, TokensOptions options, DateTimeOffset now, string issuer, CancellationToken ct)
    {
        var code = CheckedSecret.Generate(AuthorizationCode.Prefix);
        var lifetime = options.CodeLifetime < MaxLifetime ? options.CodeLifetime : MaxLifetime;
        session.Insert(new AuthorizationCode(CheckedSecret.Hash(code), request.Client.Id, user.AccountId, user.Id, request.RedirectUri,
            [.. scopes], request.CodeChallenge, now, now + lifetime) { Resource = request.Resource });
        await session.SaveChangesAsync(ct);
        return new FlowRedirect(AuthorizationRequestReader.CodeRedirect(request.RedirectUri, code, request.State, issuer));
    }

    /// <summary>What the user can grant: the requested scopes they hold themselves (a user holding admin holds them all).</summary>
    public static IReadOnlyList<string> Grantable(AuthorizationRequest request, AccountUser user) =>
        request.Scopes.Where(s => Scopes.Covers(user.Scopes, s)).ToList();
}
