using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Platform.Contracts.Tokens;
using Platform.Tokens.Access;
using Platform.Tokens.State;
using Platform.Tokens.Users;
using Wolverine;
using Wolverine.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Tokens.Authorize;

public static class PasswordEndpoint
{
    public const string Path = "/oauth/password";
    private const string Expired = "The password form has expired; start again from the application";
    public const string Same = "The new password must differ from the current one";

    /// <summary>
    /// The change form a user who must choose a new password gets after the right one (<see cref="LoginEndpoint"/>): the new
    /// password under the same rules as the API's, twice, and not the current one; then they are signed in and the flow goes on.
    /// </summary>
    // A browser's page (sign-in, consent, redirects), not an API: left out of the OpenAPI document (docs/tokens.md).
    [ExcludeFromDescription]
    [WolverinePost(Path)]
    public static async Task<IResult> Post(HttpContext http, IDocumentSession session, IPasswordHasher<AccountUser> hasher, IAntiforgery antiforgery,
        PasswordTicket tickets, Denylist denylist, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var (form, formProblem) = await PageForm.ReadAsync(http.Request, "password", ct);
        if (formProblem is not null) return formProblem;
        if (!await antiforgery.IsRequestValidAsync(http)) return Pages.Error(Expired);
        var returnUrl = form!["return_url"].ToString();
        if (!LoginEndpoint.IsFlowUrl(returnUrl)) return Pages.Error("The sign-in request is not valid");
        var ticket = form["ticket"].ToString();
        if (tickets.Read(ticket) is not { } named || await session.LoadAsync<AccountUser>(named.UserId, ct) is not { } user || !PasswordTicket.Holds(named, user))
            return Pages.Error(Expired);

        var password = form["new_password"].ToString();
        var problem = Problem(password, form["confirm_password"].ToString())
            ?? (hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed ? Same : null);
        if (problem is not null) return Pages.ChangePassword(returnUrl, antiforgery.GetAndStoreTokens(http).RequestToken!, ticket, problem);

        var now = clock.GetUtcNow();
        var changed = PasswordRules.Replace(user, hasher.HashPassword(user, password));
        // At the version read: a removal or an admin's change that raced this stands, and this fails.
        session.Update(changed);
        await bus.PublishAsync(new UserPasswordChanged(Guid.CreateVersion7(), user.Id, user.AccountId, Caller.ActorFor(user.Id), now));
        await session.SaveChangesAsync(ct);
        if (denylist.IsSuspended(user.AccountId)) return Pages.Error(LoginEndpoint.SuspendedPage, StatusCodes.Status403Forbidden);
        await LoginCookie.SignInAsync(http, changed);
        return new FlowRedirect(returnUrl);
    }

    /// <summary>The pure check of the form: the rules every password follows, and the same password typed twice.</summary>
    public static string? Problem(string password, string confirmation) =>
        PasswordRules.Problem(password, "The new password") ?? (password == confirmation ? null : "The two new passwords are not the same");
}
