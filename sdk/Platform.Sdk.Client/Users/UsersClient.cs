namespace Platform.Sdk.Client.Users;

/// <summary>
/// The people of the account, who sign in on Tokens' login page (<c>/api/users</c>): managed with keys:manage (or admin),
/// and, with a signed-in person's own access token (the console's), that person's own account, password and sign-ins
/// (<c>/api/users/me…</c>; an API key or a client's token has no person: 404).
/// </summary>
public sealed class UsersClient
{
    private const string Root = "/api/users";
    private const string Me = Root + "/me";
    private readonly ApiTransport _api;

    internal UsersClient(ApiTransport api) => _api = api;

    /// <summary>Adds a person; <see cref="CreateUserRequest.Scopes"/> caps what their sign-ins may be granted.</summary>
    public Task<UserView> CreateAsync(CreateUserRequest request, CancellationToken ct = default) =>
        _api.SendAsync<UserView>(HttpMethod.Post, Root, request ?? throw new ArgumentNullException(nameof(request)), null, ct);

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct = default) =>
        (await _api.SendAsync<UserList>(HttpMethod.Get, Root, null, null, ct)).Items;

    /// <summary>
    /// Removes a person: their sign-ins end at once and they can no longer sign in. Removing oneself is refused
    /// (<see cref="PlatformConflictException"/>); another account's person is not found, like a missing one.
    /// </summary>
    public Task RemoveAsync(Guid userId, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Root}/{QueryString.Segment(userId)}", null, ct);

    /// <summary>Their next sign-in must choose a new password before it goes on; their sign-ins end now.</summary>
    public Task<UserView> RequirePasswordChangeAsync(Guid userId, CancellationToken ct = default) =>
        _api.SendAsync<UserView>(HttpMethod.Post, $"{Root}/{QueryString.Segment(userId)}/require-password-change", null, null, ct);

    /// <summary>The signed-in person the client's access token belongs to.</summary>
    public Task<CurrentUser> GetCurrentAsync(CancellationToken ct = default) =>
        _api.SendAsync<CurrentUser>(HttpMethod.Get, Me, null, null, ct);

    /// <summary>
    /// Changes the signed-in person's own password and ends their other sign-ins (this one stays). A wrong current password
    /// is a 400 that counts toward the lockout like a failed sign-in; while locked out, 429.
    /// </summary>
    public Task ChangeOwnPasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Post, $"{Me}/password", request ?? throw new ArgumentNullException(nameof(request)), ct);

    /// <summary>The signed-in person's live sign-ins, the most recently active first; <see cref="SessionView.Current"/> marks this one.</summary>
    public async Task<IReadOnlyList<SessionView>> ListOwnSessionsAsync(CancellationToken ct = default) =>
        (await _api.SendAsync<SessionList>(HttpMethod.Get, $"{Me}/sessions", null, null, ct)).Items;

    /// <summary>Ends one of the signed-in person's own sign-ins (the current one too: that signs out); another's is not found.</summary>
    public Task EndOwnSessionAsync(Guid sessionId, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Me}/sessions/{QueryString.Segment(sessionId)}", null, ct);
}
