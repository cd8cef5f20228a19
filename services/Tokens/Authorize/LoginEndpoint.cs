using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.Contracts.Tokens;
using Platform.Tokens.State;
using Platform.Tokens.Users;
using Wolverine;
using Wolverine.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Tokens.Authorize;

public static class LoginEndpoint
{
    private const string Failed = "Email or password is not correct";
    public const string SuspendedPage = "This account is suspended: nobody can sign in to it until an operator reinstates it";

    /// <summary>
    /// Checks the password; after <see cref="LoginOptions.MaxFailedAttempts"/> failures in a row the user is
    /// locked out for <see cref="LoginOptions.LockoutDuration"/>. Unknown emails cost a hash too, so timing
    /// does not tell which emails exist. A user who must choose a new password gets the change form instead of
    /// the sign-in (<see cref="PasswordEndpoint"/>).
    /// </summary>
    // A browser's page (sign-in, consent, redirects), not an API: left out of the OpenAPI document (docs/tokens.md).
    [ExcludeFromDescription]
    [WolverinePost("/oauth/login")]
    public static async Task<IResult> Post(HttpContext http, IDocumentSession session, IPasswordHasher<AccountUser> hasher, IAntiforgery antiforgery,
        Denylist denylist, PasswordTicket tickets, IOptions<TokensOptions> options, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var (form, formProblem) = await PageForm.ReadAsync(http.Request, "sign-in", ct);
        if (formProblem is not null) return formProblem;
        if (!await antiforgery.IsRequestValidAsync(http)) return Pages.Error("The sign-in form has expired; start again from the application");
        var returnUrl = form!["return_url"].ToString();
        // Only back into this flow: never an open redirect, and only what a Location header can carry.
        if (!IsFlowUrl(returnUrl)) return Pages.Error("The sign-in request is not valid");
        var email = AccountUser.Normalize(form["email"].ToString());
        var password = form["password"].ToString();
        IResult Retry(string problem) => Pages.Login(returnUrl, antiforgery.GetAndStoreTokens(http).RequestToken!, problem, email);

        var now = clock.GetUtcNow();
        var user = email.Length is > 0 and <= 254 ? await session.Query<AccountUser>().FirstOrDefaultAsync(u => u.Email == email, ct) : null;
        if (user is null)
        {
            hasher.VerifyHashedPassword(Decoy, Decoy.PasswordHash, password);
            return Retry(Failed);
        }
        if (user.LockedUntil > now) return Retry("Too many failed attempts; try again later");
        if (password.Length == 0 || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var (next, locked) = Fail(user, now, options.Value.Login);
            // Updated at the version read, never upserted: a removal or a password change that raced this stands.
            session.Update(next);
            if (locked) await bus.PublishAsync(new UserLockedOut(Guid.CreateVersion7(), user.Id, user.AccountId, next.LockedUntil!.Value, "system:login", now));
            await session.SaveChangesAsync(ct);
            return Retry(locked ? "Too many failed attempts; try again later" : Failed);
        }
        if (user.FailedAttempts > 0 || user.LockedUntil is not null) session.Update(user = user with { FailedAttempts = 0, LockedUntil = null });
        await session.SaveChangesAsync(ct);
        // Said only after the right password, so it tells nothing about an email to someone who does not know it.
        if (denylist.IsSuspended(user.AccountId)) return Pages.Error(SuspendedPage, StatusCodes.Status403Forbidden);
        if (user.MustChangePassword) return Pages.ChangePassword(returnUrl, antiforgery.GetAndStoreTokens(http).RequestToken!, tickets.Issue(user), null);
        await LoginCookie.SignInAsync(http, user);
        return new FlowRedirect(returnUrl);
    }

    public static bool IsFlowUrl(string returnUrl) =>
        returnUrl.StartsWith("/oauth/authorize?", StringComparison.Ordinal) && returnUrl.All(c => c is > ' ' and < '\x7f');

    /// <summary>The pure decision: one more failure, and whether it locks the user out.</summary>
    public static (AccountUser User, bool Locked) Fail(AccountUser user, DateTimeOffset now, LoginOptions options)
    {
        var attempts = user.FailedAttempts + 1;
        return attempts >= options.MaxFailedAttempts
            ? (user with { FailedAttempts = 0, LockedUntil = now + options.LockoutDuration }, true)
            : (user with { FailedAttempts = attempts }, false);
    }

    private static readonly AccountUser Decoy = new(Guid.Empty, Guid.Empty, "", new PasswordHasher<AccountUser>().HashPassword(null!, "decoy-password-never-matches"), [], default);
}
