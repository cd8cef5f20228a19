namespace Platform.Sdk.Client.Accounts;

/// <summary>
/// Accounts (<c>/api/accounts</c>, operators only: a credential of the operator account holding accounts:manage),
/// and the caller's own account (<c>/api/account</c>, anyone who manages or audits keys). Commands take an optional
/// <c>expectedVersion</c> (an <see cref="AccountView.Version"/>), sent as If-Match.
/// </summary>
public sealed class AccountsClient
{
    private const string Root = "/api/accounts";
    private readonly ApiTransport _api;

    internal AccountsClient(ApiTransport api) => _api = api;

    /// <summary>The account the client's credential belongs to: its name, status and whether it is the operators'.</summary>
    public Task<AccountView> GetOwnAsync(CancellationToken ct = default) =>
        _api.SendAsync<AccountView>(HttpMethod.Get, "/api/account", null, null, ct);

    /// <summary>Opens an account (names are unique) with its first admin key; store <see cref="OpenedAccount.AdminKey"/>'s secret now.</summary>
    public Task<OpenedAccount> OpenAsync(string name, CancellationToken ct = default) =>
        _api.SendAsync<OpenedAccount>(HttpMethod.Post, Root, new { name = name ?? throw new ArgumentNullException(nameof(name)) }, null, ct);

    /// <summary>One page, newest first; pass the page's <see cref="AccountPage.Next"/> as <paramref name="after"/> for the following one.</summary>
    public Task<AccountPage> ListAsync(AccountListQuery? query = null, Guid? after = null, CancellationToken ct = default) =>
        _api.SendAsync<AccountPage>(HttpMethod.Get, QueryString.Build(Root, ("status", query?.Status), ("limit", query?.PageSize), ("after", after)), null, null, ct);

    /// <summary>Every account matching <paramref name="query"/>, page by page as the caller enumerates.</summary>
    public IAsyncEnumerable<AccountView> ListAllAsync(AccountListQuery? query = null, CancellationToken ct = default) =>
        ApiTransport.PagesAsync(
            (cursor, token) => ListAsync(query, cursor is null ? null : Guid.Parse(cursor), token),
            page => page.Items, page => page.Next?.ToString(), ct);

    public Task<AccountView> GetAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<AccountView>(HttpMethod.Get, Path(id), null, null, ct);

    /// <summary>
    /// Every key, access token and agent credential of the account stops until it is reinstated.
    /// The operator account cannot be suspended (<see cref="PlatformConflictException"/>).
    /// </summary>
    public Task<AccountView> SuspendAsync(Guid id, string reason, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<AccountView>(HttpMethod.Post, Path(id, "suspend"), new { reason }, expectedVersion, ct);

    /// <summary>The keys suspended with the account work again; keys suspended on their own stay suspended.</summary>
    public Task<AccountView> ReinstateAsync(Guid id, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<AccountView>(HttpMethod.Post, Path(id, "reinstate"), null, expectedVersion, ct);

    private static string Path(Guid id, string? verb = null) => verb is null ? $"{Root}/{QueryString.Segment(id)}" : $"{Root}/{QueryString.Segment(id)}/{verb}";
}
