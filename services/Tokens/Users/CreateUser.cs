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

public sealed record UserView(Guid UserId, string Email, string[] Scopes, DateTimeOffset CreatedAt);

public static class CreateUserEndpoint
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;

    public static IResult Validate(CreateUser? command, ClaimsPrincipal user, Denylist denylist)
    {
        if (command is null) return ApiError.BadRequest("the body must be a JSON object");
        if (command.Email is not { Length: > 0 and <= 254 } email || !MailAddress.TryCreate(email.Trim(), out _)) return ApiError.BadRequest("email must be an email address");
        // NIST SP 800-63B §3.1.1.2: length matters, composition rules do not.
        if (command.Password is not { Length: >= MinPasswordLength and <= MaxPasswordLength })
            return ApiError.BadRequest($"password must be {MinPasswordLength} to {MaxPasswordLength} characters");
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
        return TypedResults.Created($"/api/users/{created.Id}", new UserView(created.Id, created.Email, created.Scopes, created.CreatedAt));
    }
}
