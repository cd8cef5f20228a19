namespace Platform.Tokens.Users;

/// <summary>What a password must be wherever one is chosen: through the API, or on the login page's change form.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    /// <summary>NIST SP 800-63B §3.1.1.2: length matters, composition rules do not.</summary>
    public static string? Problem(string? password, string field) =>
        password is { Length: >= MinLength and <= MaxLength } ? null : $"{field} must be {MinLength} to {MaxLength} characters";

    /// <summary>The user with a new password: no change pending, no failures counted, and a new stamp that ends older login cookies and forms.</summary>
    public static AccountUser Replace(AccountUser user, string newHash) => user with
    {
        PasswordHash = newHash, MustChangePassword = false, FailedAttempts = 0, LockedUntil = null, SecurityStamp = AccountUser.NewStamp(),
    };
}
