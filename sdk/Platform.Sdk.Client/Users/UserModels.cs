namespace Platform.Sdk.Client.Users;

/// <summary>A person to add: the password is 10 to 256 characters (NIST SP 800-63B: length, no composition rules).</summary>
public sealed record CreateUserRequest(string Email, string Password, IReadOnlyList<string>? Scopes = null)
{
    // Note: records print every property; this one must not print the password.
    public override string ToString() => $"CreateUserRequest {{ Email = {Email} }}";
}

/// <summary>A person of the account; <see cref="MustChangePassword"/>: their next sign-in must choose a new password.</summary>
public sealed record UserView(Guid UserId, string Email, string[] Scopes, DateTimeOffset CreatedAt, bool MustChangePassword = false);

/// <summary>The signed-in person: <see cref="Scopes"/> are what their sign-ins may be granted, not what the current token carries.</summary>
public sealed record CurrentUser(Guid UserId, string Email, Guid AccountId, string[] Scopes, DateTimeOffset CreatedAt, bool MustChangePassword);

/// <summary>The signed-in person's new password (10 to 256 characters, not the current one), given with the current one.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword)
{
    // Note: records print every property; this one must print neither password.
    public override string ToString() => "ChangePasswordRequest { }";
}

/// <summary>
/// One of the signed-in person's live sign-ins: <see cref="LastActiveAt"/> is its last refresh, <see cref="ExpiresAt"/> when it
/// ends unless refreshed again, <see cref="Current"/> whether the calling access token belongs to it.
/// </summary>
public sealed record SessionView(Guid Id, Guid ClientId, string ClientName, DateTimeOffset StartedAt, DateTimeOffset LastActiveAt, DateTimeOffset ExpiresAt, bool Current);

internal sealed record UserList(IReadOnlyList<UserView> Items);

internal sealed record SessionList(IReadOnlyList<SessionView> Items);
