namespace Platform.Tokens.Users;

/// <summary>
/// A person of an account who signs in on the login page (authorization code flow). The password is
/// kept only as an ASP.NET Core Identity hash (PBKDF2-HMAC-SHA512, salted, 100k iterations).
/// </summary>
public sealed record AccountUser(Guid Id, Guid AccountId, string Email, string PasswordHash, string[] Scopes, DateTimeOffset CreatedAt)
{
    public int FailedAttempts { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Set by an admin: the next sign-in must choose a new password before the flow goes on.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>
    /// Replaced whenever the password changes or a change is required: a login cookie or a change-password form
    /// issued before names the old one and no longer holds. Empty for users stored before it existed.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
