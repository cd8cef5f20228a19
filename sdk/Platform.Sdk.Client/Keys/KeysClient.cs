namespace Platform.Sdk.Client.Keys;

/// <summary>
/// API key management (<c>/api/keys</c>). Commands take an optional <c>expectedVersion</c> (a
/// <see cref="KeyView.Version"/>): sent as If-Match, a key changed meanwhile fails with <see cref="PlatformConflictException"/>.
/// </summary>
public sealed class KeysClient
{
    private const string Root = "/api/keys";
    private readonly ApiTransport _api;

    internal KeysClient(ApiTransport api) => _api = api;

    public Task<IssuedKey> IssueAsync(IssueKeyRequest request, CancellationToken ct = default) =>
        _api.SendAsync<IssuedKey>(HttpMethod.Post, Root, Required(request), null, ct);

    /// <summary>One page, newest first; pass the page's <see cref="KeyPage.Next"/> as <paramref name="after"/> for the following one.</summary>
    public Task<KeyPage> ListAsync(KeyListQuery? query = null, Guid? after = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyPage>(HttpMethod.Get, QueryString.Build(Root,
            ("environment", query?.Environment), ("status", query?.Status), ("q", query?.Search), ("limit", query?.PageSize), ("after", after)), null, null, ct);

    /// <summary>Every key matching <paramref name="query"/>, page by page as the caller enumerates.</summary>
    public IAsyncEnumerable<KeyView> ListAllAsync(KeyListQuery? query = null, CancellationToken ct = default) =>
        ApiTransport.PagesAsync(
            (cursor, token) => ListAsync(query, cursor is null ? null : Guid.Parse(cursor), token),
            page => page.Items, page => page.Next?.ToString(), ct);

    /// <summary>The key now, or as it was at <paramref name="asOf"/> (replayed from its events).</summary>
    public Task<KeyView> GetAsync(Guid id, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyView>(HttpMethod.Get, QueryString.Build(Path(id), ("asOf", asOf)), null, null, ct);

    public Task<KeyView> RenameAsync(Guid id, string name, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyView>(HttpMethod.Post, Path(id, "rename"), new { name }, expectedVersion, ct);

    /// <summary>Replaces the key's scopes with exactly <paramref name="scopes"/>.</summary>
    public Task<KeyView> ChangeScopesAsync(Guid id, IReadOnlyList<string> scopes, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyView>(HttpMethod.Put, Path(id, "scopes"), new { scopes = Required(scopes) }, expectedVersion, ct);

    /// <summary>Issues the successor (with its secret); the old key keeps working for <paramref name="overlap"/> (service default 24 h).</summary>
    public Task<IssuedKey> RotateAsync(Guid id, TimeSpan? overlap = null, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<IssuedKey>(HttpMethod.Post, Path(id, "rotate"), new { overlapSeconds = Seconds(overlap) }, expectedVersion, ct);

    public Task<KeyView> RevokeAsync(Guid id, string reason, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyView>(HttpMethod.Post, Path(id, "revoke"), new { reason }, expectedVersion, ct);

    public Task<KeyView> SuspendAsync(Guid id, string reason, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyView>(HttpMethod.Post, Path(id, "suspend"), new { reason }, expectedVersion, ct);

    public Task<KeyView> ReinstateAsync(Guid id, long? expectedVersion = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyView>(HttpMethod.Post, Path(id, "reinstate"), null, expectedVersion, ct);

    /// <summary>Every event of the key, oldest first.</summary>
    public Task<IReadOnlyList<KeyHistoryEntry>> HistoryAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<KeyHistoryEntry>>(HttpMethod.Get, Path(id, "history"), null, null, ct);

    /// <summary>Verifications per minute over [from, to), admitted and refused by reason; the service defaults to the last hour.</summary>
    public Task<KeyUsage> UsageAsync(Guid id, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default) =>
        _api.SendAsync<KeyUsage>(HttpMethod.Get, QueryString.Build(Path(id, "usage"), ("from", from), ("to", to)), null, null, ct);

    /// <summary>As the other overload, in buckets of <paramref name="bucket"/> (whole minutes, at most a day) counted from the Unix epoch.</summary>
    public Task<KeyUsage> UsageAsync(Guid id, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken ct = default) =>
        _api.SendAsync<KeyUsage>(HttpMethod.Get, QueryString.Build(Path(id, "usage"), ("from", from), ("to", to), ("bucketMinutes", UsageBuckets.Minutes(bucket))), null, null, ct);

    /// <summary>
    /// The account's verifications over [from, to): totals and a per-minute series over all its keys, and every key
    /// that had any (admitted or refused) with its own, busiest first.
    /// </summary>
    public Task<AccountUsage> AccountUsageAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default) =>
        _api.SendAsync<AccountUsage>(HttpMethod.Get, QueryString.Build($"{Root}/usage", ("from", from), ("to", to)), null, null, ct);

    /// <summary>As the other overload, in buckets of <paramref name="bucket"/> (whole minutes, at most a day) counted from the Unix epoch.</summary>
    public Task<AccountUsage> AccountUsageAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken ct = default) =>
        _api.SendAsync<AccountUsage>(HttpMethod.Get, QueryString.Build($"{Root}/usage", ("from", from), ("to", to), ("bucketMinutes", UsageBuckets.Minutes(bucket))), null, null, ct);

    /// <summary>
    /// The account's usage feed, for as long as one connection lasts: <see cref="UsageChangeKind.Ready"/> first (read
    /// the usage then), then one <see cref="UsageChangeKind.Usage"/> per flush naming the account's keys with new usage.
    /// Ends when the service closes the stream or it falls silent past 45 s: subscribe again (and read again, as
    /// changes in between are not replayed). Refusals to connect throw <see cref="PlatformApiException"/>.
    /// </summary>
    public IAsyncEnumerable<UsageChange> UsageChangesAsync(CancellationToken ct = default) =>
        UsageChanges.ReadAsync(_api, $"{Root}/usage/changes", ct);

    private static string Path(Guid id, string? verb = null) => verb is null ? $"{Root}/{QueryString.Segment(id)}" : $"{Root}/{QueryString.Segment(id)}/{verb}";

    private static int? Seconds(TimeSpan? span) => span is { } s
        ? s < TimeSpan.Zero || s.TotalSeconds > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(span), "overlap must be zero or positive") : (int)s.TotalSeconds
        : null;

    private static T Required<T>(T? value) where T : class => value ?? throw new ArgumentNullException(nameof(value));
}
