namespace Platform.Keys.Accounts;

/// <summary>Input rules of the account commands; each returns the error message, or null when valid.</summary>
public static class AccountRules
{
    public const int MaxNameLength = 100;

    /// <summary>A name people read in lists and logs: no control characters, which would forge lines there.</summary>
    public static string? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl)
            ? $"name must be 1 to {MaxNameLength} characters, none of them control characters" : null;
}
