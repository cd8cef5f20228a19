namespace Platform.Sdk.Client.Clients;

/// <summary>OAuth client management at Tokens (<c>/api/clients</c>).</summary>
public sealed class ClientsClient
{
    private const string Root = "/api/clients";
    private readonly ApiTransport _api;

    internal ClientsClient(ApiTransport api) => _api = api;

    public Task<RegisteredClient> RegisterAsync(RegisterClientRequest request, CancellationToken ct = default) =>
        _api.SendAsync<RegisteredClient>(HttpMethod.Post, Root, request ?? throw new ArgumentNullException(nameof(request)), null, ct);

    /// <summary>One page, newest first; <paramref name="search"/> matches a name (case-insensitive, within it) or an id.</summary>
    public Task<ClientPage> ListAsync(int? pageSize = null, Guid? after = null, string? search = null, CancellationToken ct = default) =>
        _api.SendAsync<ClientPage>(HttpMethod.Get, QueryString.Build(Root, ("q", search), ("limit", pageSize), ("after", after)), null, null, ct);

    public IAsyncEnumerable<ClientView> ListAllAsync(int? pageSize = null, string? search = null, CancellationToken ct = default) =>
        ApiTransport.PagesAsync(
            (cursor, token) => ListAsync(pageSize, cursor is null ? null : Guid.Parse(cursor), search, token),
            page => page.Items, page => page.Next?.ToString(), ct);

    public Task<ClientView> GetAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<ClientView>(HttpMethod.Get, $"{Root}/{QueryString.Segment(id)}", null, null, ct);

    /// <summary>A new secret; the previous one keeps working for <paramref name="overlap"/> (default none, at most 7 days).</summary>
    public Task<RotatedClientSecret> RotateSecretAsync(Guid id, TimeSpan? overlap = null, CancellationToken ct = default) =>
        _api.SendAsync<RotatedClientSecret>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/rotate-secret",
            new { overlapSeconds = overlap is { } o ? (int?)Math.Max(0, (int)Math.Min(o.TotalSeconds, int.MaxValue)) : null }, null, ct);

    /// <summary>For good: no new tokens, and its live tokens introspect as inactive.</summary>
    public Task<ClientView> DisableAsync(Guid id, string? reason = null, CancellationToken ct = default) =>
        _api.SendAsync<ClientView>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/disable", new { reason }, null, ct);
}
