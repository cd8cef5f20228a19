using System.Globalization;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.Contracts.Tokens;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Authorize;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.State;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Platform.Tokens.Users;

/// <summary>The signed-in person's new password, given with the current one.</summary>
public sealed record ChangePassword(string? CurrentPassword, string? NewPassword)
{
    // Note: records print every property; this one must never print a password.
    public override string ToString() => "ChangePassword { }";
}

public static class ChangeOwnPasswordEndpoint
{
    public const string WrongPassword = "currentPassword is not correct";
    public const string LockedOut = "too many failed attempts; try again later";
    public const string Unchanged = "newPassword must differ from the current password";

    public static IResult Validate(ChangePassword? command)
    {
        if (command is null) return ApiError.BadRequest("the body must be a JSON object");
        if (command.CurrentPassword is not { Length: > 0 }) return ApiError.BadRequest("currentPassword is required");
        return PasswordRules.Problem(command.NewPassword, "newPassword") is { } weak ? ApiError.BadRequest(weak) : WolverineContinue.Result();
    }

    public abstract record Outcome
    {
        public sealed record Locked(DateTimeOffset Until) : Outcome;

        /// <summary>A wrong current password, counted as a failed sign-in is: the user as it now stands, and whether that locked them out.</summary>
        public sealed record Failed(AccountUser User, bool LockedNow) : Outcome;

        public sealed record Same : Outcome;

        public sealed record Change : Outcome;
    }

    /// <summary>The pure decision, given whether the current password matched (not even checked while locked out).</summary>
    public static Outcome Decide(AccountUser user, ChangePassword command, bool currentMatches, DateTimeOffset now, LoginOptions options)
    {
        if (user.LockedUntil > now) return new Outcome.Locked(user.LockedUntil.Value);
        if (!currentMatches)
        {
            var (next, locked) = LoginEndpoint.Fail(user, now, options);
            return new Outcome.Failed(next, locked);
        }
        return command.NewPassword == command.CurrentPassword ? new Outcome.Same() : new Outcome.Change();
    }

    /// <summary>
    /// Changes the caller's own password and ends their other sign-ins (every open family but the one this access token
    /// belongs to), as well as login cookies and pending change forms of the old password. A wrong current password
    /// answers 400 and counts toward the lockout as a failed sign-in does; while locked out, 429.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "currentPassword is not correct, or newPassword is not acceptable")]
    [Refuses(StatusCodes.Status404NotFound, UserCommand.NotAPerson)]
    [Refuses(StatusCodes.Status409Conflict, "a concurrent change to the user won")]
    [Refuses(StatusCodes.Status429TooManyRequests, LockedOut)]
    [WolverinePost(UserCommand.Me + "/password")]
    [Authorize(Policy = ManagementPolicy.Reader)]
    public static async Task<(Results<AfterCommit<NoContent>, Refused>, IEnumerable<IMartenOp>, OutgoingMessages)> Post(ChangePassword command, ClaimsPrincipal user, IDocumentSession session,
        IPasswordHasher<AccountUser> hasher, Denylist denylist, IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (self, refused) = await UserCommand.LoadSelfAsync(caller, session, ct);
        if (refused is not null) return (refused, [], []);

        var now = clock.GetUtcNow();
        var matches = !(self!.LockedUntil > now) && hasher.VerifyHashedPassword(self, self.PasswordHash, command.CurrentPassword!) != PasswordVerificationResult.Failed;
        switch (Decide(self, command, matches, now, options.Value.Login))
        {
            case Outcome.Locked locked:
                return (LockedUntil(locked.Until, now), [], []);
            case Outcome.Failed failed:
                OutgoingMessages lockout = [];
                if (failed.LockedNow) lockout.Add(new UserLockedOut(Guid.CreateVersion7(), self.Id, self.AccountId, failed.User.LockedUntil!.Value, "system:password-change", now));
                return (ApiError.BadRequest(WrongPassword), [MartenOps.Update(failed.User)], lockout);
            case Outcome.Same:
                return (ApiError.BadRequest(Unchanged), [], []);
        }

        var changed = PasswordRules.Replace(self, hasher.HashPassword(self, command.NewPassword!));
        var ended = SignIns.End(await SignIns.OpenAsync(session, self.Id, self.AccountId, now, ct), keep: caller.SignInId, "password changed", caller.Actor, now);
        ended.Writes.Appends.Add(MartenOps.Update(changed));
        ended.Writes.Announcements.Add(new UserPasswordChanged(Guid.CreateVersion7(), self.Id, self.AccountId, caller.Actor, now));
        return (ended.After(TypedResults.NoContent(), denylist), ended.Writes.Appends, ended.Writes.Announcements);
    }

    private static Refused LockedUntil(DateTimeOffset until, DateTimeOffset now) => ApiError.Result(
        ApiError.For(StatusCodes.Status429TooManyRequests, LockedOut) with { RetryAfter = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture) });
}
