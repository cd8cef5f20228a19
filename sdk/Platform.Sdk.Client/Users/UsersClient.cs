namespace Platform.Sdk.Client.Users;

/// <summary>The people of the account, who sign in on Tokens' login page (<c>/api/users</c>).</summary>
public sealed class UsersClient
{
    private const string Root = "/api/users";
    private readonly ApiTransport _api;

    internal UsersClient(ApiTransport api) => _api = api;

    /// <summary>Adds a person; <see cref="CreateUserRequest.Scopes"/> caps what their sign-ins may be granted.</summary>
    public Task<UserView> CreateAsync(CreateUserRequest request, CancellationToken ct = default) =>
        _api.SendAsync<UserView>(HttpMethod.Post, Root, request ?? throw new ArgumentNullException(nameof(request)), null, ct);

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct = default) =>
        (await _api.SendAsync<UserList>(HttpMethod.Get, Root, null, null, ct)).Items;
}

/// <summary>A person to add: the password is at least 10 characters (NIST SP 800-63B: length, no composition rules).</summary>
public sealed record CreateUserRequest(string Email, string Password, IReadOnlyList<string>? Scopes = null)
{
    // Note: records print every property; this one must not print the password.
    public override string ToString() => $"CreateUserRequest {{ Email = {Email} }}";
}

public sealed record UserView(Guid UserId, string Email, string[] Scopes, DateTimeOffset CreatedAt);

internal sealed record UserList(IReadOnlyList<UserView> Items);
