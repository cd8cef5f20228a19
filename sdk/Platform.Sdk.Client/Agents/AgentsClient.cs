using Platform.Secrets;

namespace Platform.Sdk.Client.Agents;

/// <summary>
/// Agent credentials (<c>/api/agents</c>). Mint, list, read and revoke authenticate with the client's
/// API key; restrict and refresh with the credential itself and its agent id.
/// </summary>
public sealed class AgentsClient
{
    private const string Root = "/api/agents";
    public const string AgentIdHeader = "X-Agent-ID";
    private readonly ApiTransport _api;

    internal AgentsClient(ApiTransport api) => _api = api;

    public Task<MintedCredential> MintAsync(MintCredentialRequest request, CancellationToken ct = default) =>
        _api.SendAsync<MintedCredential>(HttpMethod.Post, Root, request ?? throw new ArgumentNullException(nameof(request)), null, ct);

    /// <summary>One page, newest first; <paramref name="search"/> matches an agent id (case-insensitive, within it) or a credential id.</summary>
    public Task<CredentialPage> ListAsync(string? status = null, string? agentId = null, int? pageSize = null, Guid? after = null, string? search = null, CancellationToken ct = default) =>
        _api.SendAsync<CredentialPage>(HttpMethod.Get, QueryString.Build(Root,
            ("status", status), ("agentId", agentId), ("q", search), ("limit", pageSize), ("after", after)), null, null, ct);

    public IAsyncEnumerable<CredentialView> ListAllAsync(string? status = null, string? agentId = null, int? pageSize = null, CancellationToken ct = default) =>
        ApiTransport.PagesAsync(
            (cursor, token) => ListAsync(status, agentId, pageSize, cursor is null ? null : Guid.Parse(cursor), ct: token),
            page => page.Items, page => page.Next?.ToString(), ct);

    public Task<CredentialView> GetAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<CredentialView>(HttpMethod.Get, $"{Root}/{QueryString.Segment(id)}", null, null, ct);

    /// <summary>Verify outcomes per minute over [from, to), allowed and refused by reason; the service defaults to the last hour.</summary>
    public Task<CredentialUsage> UsageAsync(Guid id, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default) =>
        _api.SendAsync<CredentialUsage>(HttpMethod.Get, QueryString.Build($"{Root}/{QueryString.Segment(id)}/usage", ("from", from), ("to", to)), null, null, ct);

    /// <summary>As the other overload, in buckets of <paramref name="bucket"/> (whole minutes, at most a day) counted from the Unix epoch.</summary>
    public Task<CredentialUsage> UsageAsync(Guid id, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken ct = default) =>
        _api.SendAsync<CredentialUsage>(HttpMethod.Get, QueryString.Build($"{Root}/{QueryString.Segment(id)}/usage",
            ("from", from), ("to", to), ("bucketMinutes", UsageBuckets.Minutes(bucket))), null, null, ct);

    /// <summary>
    /// The account's credential usage feed, as <see cref="Keys.KeysClient.UsageChangesAsync"/> is for keys: ready, then
    /// the account's credentials with new usage at each flush, for as long as one connection lasts.
    /// </summary>
    public IAsyncEnumerable<UsageChange> UsageChangesAsync(CancellationToken ct = default) =>
        UsageChanges.ReadAsync(_api, $"{Root}/usage/changes", ct);

    /// <summary>Immediate and final, for the credential and every credential narrowed from it.</summary>
    public Task<CredentialView> RevokeAsync(Guid id, string? reason = null, CancellationToken ct = default) =>
        _api.SendAsync<CredentialView>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/revoke", new { reason }, null, ct);

    /// <summary>A narrower child of the credential <paramref name="token"/> (whose id is <paramref name="id"/>).</summary>
    public Task<MintedCredential> RestrictAsync(Guid id, string token, string agentId, RestrictCredentialRequest request, CancellationToken ct = default) =>
        _api.SendAsync<MintedCredential>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/restrict", request ?? throw new ArgumentNullException(nameof(request)),
            null, ct, AsAgent(token, agentId));

    /// <summary>A new secret and expiry for the same credential; the old secret keeps working briefly.</summary>
    public Task<RefreshedCredential> RefreshAsync(string token, string agentId, int? lifetimeSeconds = null, CancellationToken ct = default) =>
        _api.SendAsync<RefreshedCredential>(HttpMethod.Post, $"{Root}/refresh", new { lifetimeSeconds }, null, ct, AsAgent(token, agentId));

    internal static Action<HttpRequestMessage> AsAgent(string token, string agentId)
    {
        if (!SecretFormat.IsWellFormed(token, SecretFormat.AgentTokenPrefix))
            throw new ArgumentException("not a well-formed agent credential (agent_tok_ + 32 base62 characters + 6-character checksum)", nameof(token));
        if (string.IsNullOrWhiteSpace(agentId)) throw new ArgumentException("an agent id is required", nameof(agentId));
        return request =>
        {
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Remove(AgentIdHeader);
            request.Headers.Add(AgentIdHeader, agentId);
        };
    }
}
