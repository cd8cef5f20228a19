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

    public Task<DeliveryList> DeliveriesAsync(Guid id, CancellationToken ct = default) =>
        _api.SendAsync<DeliveryList>(HttpMethod.Get, $"{Root}/{QueryString.Segment(id)}/deliveries", null, null, ct);
}
