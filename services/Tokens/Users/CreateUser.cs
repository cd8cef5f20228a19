using System.Net.Mail;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Platform.Infrastructure.Errors;
using Platform.Tokens.Access;
using Platform.Tokens.Accounts;
using Platform.Tokens.Clients;
using Platform.Tokens.State;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Users;

/// <summary>Add a user to the caller's account; <paramref name="Scopes"/> caps what their tokens may carry.</summary>
public sealed record CreateUser(string Email, string Password, string[]? Scopes);

/// <summary>A person as the API shows them: never a password hash.</summary>
public sealed record UserView(Guid UserId, string Email, string[] Scopes, DateTimeOffset CreatedAt, bool MustChangePassword)
{
    public static UserView From(AccountUser user) => new(user.Id, user.Email, user.Scopes, user.CreatedAt, user.MustChangePassword);
}

public static class CreateUserEndpoint
{
    public static IResult Validate(CreateUser? command, ClaimsPrincipal user, Denylist denylist)
    {
        if (command is null) return ApiError.BadRequest("the body must be a JSON object");
        if (command.Email is not { Length: > 0 and <= 254 } email || !MailAddress.TryCreate(email.Trim(), out _)) return ApiError.BadRequest("email must be an email address");
        if (PasswordRules.Problem(command.Password, "password") is { } weak) return ApiError.BadRequest(weak);
        if (ClientRules.Scopes(command.Scopes ?? []) is { } badScopes) return ApiError.BadRequest(badScopes);
        if (OperatorScopes.Refusal(command.Scopes ?? [], Caller.From(user), denylist) is { } operatorOnly) return ApiError.BadRequest(operatorOnly);
        return WolverineContinue.Result();
    }

    [Refuses(StatusCodes.Status409Conflict, "a user with this email exists")]
    [WolverinePost("/api/users")]
    [Authorize(Policy = ManagementPolicy.Name)]
    public static async Task<Results<Created<UserView>, Refused>> Post(CreateUser command, ClaimsPrincipal user, IDocumentSession session, IPasswordHasher<AccountUser> hasher, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var created = new AccountUser(Guid.CreateVersion7(), caller.AccountId, AccountUser.Normalize(command.Email), "", [.. (command.Scopes ?? []).Distinct()], clock.GetUtcNow());
        created = created with { PasswordHash = hasher.HashPassword(created, command.Password) };
        session.Insert(created);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (BadInputExceptions.IsUniqueViolation(e))
        {
            // A failed save keeps its operations; Wolverine's transaction saves the session again after the
            // endpoint, which would repeat the refused insert and turn this 409 into a 500.
            session.EjectAllPendingChanges();
            return ApiError.Result(StatusCodes.Status409Conflict, "a user with this email exists");
        }
        return TypedResults.Created($"/api/users/{created.Id}", UserView.From(created));
    }
}
