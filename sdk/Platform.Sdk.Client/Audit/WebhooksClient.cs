namespace Platform.Sdk.Client.Audit;

/// <summary>The account's webhooks (<c>/api/webhooks</c>): signed deliveries of audited events.</summary>
public sealed class WebhooksClient
{
    private const string Root = "/api/webhooks";
    private readonly ApiTransport _api;

    internal WebhooksClient(ApiTransport api) => _api = api;

    /// <summary>Event types by name, or "*" for all of them.</summary>
    public Task<CreatedWebhook> CreateAsync(CreateWebhookRequest request, CancellationToken ct = default) =>
        _api.SendAsync<CreatedWebhook>(HttpMethod.Post, Root, request ?? throw new ArgumentNullException(nameof(request)), null, ct);

    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken ct = default) =>
        (await _api.SendAsync<WebhookList>(HttpMethod.Get, Root, null, null, ct)).Items;

    /// <summary>Queues a signed sample delivery; its attempts appear in <see cref="DeliveriesAsync"/>.</summary>
    public Task<WebhookTestQueued> TestAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<WebhookTestQueued>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/test", null, null, ct);

    /// <summary>The latest deliveries, each with its attempts and outcome.</summary>
    public Task<DeliveryList> DeliveriesAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<DeliveryList>(HttpMethod.Get, $"{Root}/{QueryString.Segment(id)}/deliveries", null, null, ct);

    /// <summary>No new deliveries; queued ones and retries stop at their next attempt.</summary>
    public Task<WebhookView> DisableAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<WebhookView>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/disable", null, null, ct);

    public Task<WebhookView> EnableAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<WebhookView>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/enable", null, null, ct);

    /// <summary>The webhook goes with its delivery records; queued deliveries stop.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        using var _ = await _api.SendRawAsync(HttpMethod.Delete, $"{Root}/{QueryString.Segment(id)}", null, null, null, HttpCompletionOption.ResponseContentRead, ct);
    }

    /// <summary>
    /// A new signing secret, shown only in this answer. The old one keeps signing beside it for <paramref name="overlap"/>
    /// (null: 24 h; zero: not at all; at most 7 days).
    /// </summary>
    public Task<RotatedWebhookSecret> RotateSecretAsync(Guid id, TimeSpan? overlap = null, CancellationToken ct = default) =>
        _api.SendAsync<RotatedWebhookSecret>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/rotate-secret",
            new { overlapSeconds = overlap is { } o ? (int?)Math.Max(0, (int)Math.Min(o.TotalSeconds, int.MaxValue)) : null }, null, ct);

    /// <summary>Sends a delivery's body again now, under the same delivery id; refused (409) while the webhook is disabled.</summary>
    public Task<DeliveryRetryQueued> RetryDeliveryAsync(Guid id, Guid deliveryId, CancellationToken ct = default) =>
        _api.SendAsync<DeliveryRetryQueued>(HttpMethod.Post, $"{Root}/{QueryString.Segment(id)}/deliveries/{QueryString.Segment(deliveryId)}/retry", null, null, ct);
}
