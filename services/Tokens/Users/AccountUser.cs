namespace Platform.Tokens.Users;

/// <summary>
/// A person of an account who signs in on the login page (authorization code flow). The password is
/// kept only as an ASP.NET Core Identity hash (PBKDF2-HMAC-SHA512, salted, 100k iterations).
/// </summary>
public sealed record AccountUser(Guid Id, Guid AccountId, string Email, string PasswordHash, string[] Scopes, DateTimeOffset CreatedAt)
{
    public int FailedAttempts { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
