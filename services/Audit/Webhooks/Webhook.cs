namespace Platform.Audit.Webhooks;

/// <summary>
/// An account's webhook: where to post which audited event types ("*" for all). The signing secret is
/// kept only in Data Protection's protected form (<see cref="WebhookSecrets"/>).
/// </summary>
public sealed record Webhook(Guid Id, Guid AccountId, string Url, string[] EventTypes, string ProtectedSecret, string CreatedBy, DateTimeOffset CreatedAt)
{
    public const string AllEvents = "*";

    public bool Wants(string eventType) => EventTypes.Contains(AllEvents) || EventTypes.Contains(eventType);
}

/// <summary>A webhook as its owner sees it: never the secret.</summary>
public sealed record WebhookView(Guid Id, string Url, string[] EventTypes, DateTimeOffset CreatedAt)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, w.EventTypes, w.CreatedAt);
}

/// <summary>One try to deliver one event to one webhook: every attempt is kept.</summary>
public sealed record WebhookAttempt(
    Guid Id, Guid WebhookId, Guid AccountId, Guid DeliveryId, string EventType, int Attempt, DateTimeOffset At,
    int? StatusCode, string Outcome, string? Error)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string DeadLettered = "dead-lettered";
}
