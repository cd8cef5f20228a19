namespace Platform.Audit.Webhooks;

/// <summary>
/// An account's webhook: where to post which audited event types ("*" for all). The signing secret is
/// kept only in Data Protection's protected form (<see cref="WebhookSecrets"/>); after a rotation the
/// replaced one is kept, protected too, until its overlap ends.
/// </summary>
public sealed record Webhook(Guid Id, Guid AccountId, string Url, string[] EventTypes, string ProtectedSecret, string CreatedBy, DateTimeOffset CreatedAt)
{
    public const string AllEvents = "*";

    /// <summary>Set while the webhook is disabled: it gets no deliveries, and those queued stop at their next attempt.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>The secret a rotation replaced, which still signs deliveries until <see cref="PreviousSecretValidUntil"/>.</summary>
    public string? PreviousProtectedSecret { get; init; }

    public DateTimeOffset? PreviousSecretValidUntil { get; init; }

    public DateTimeOffset? SecretRotatedAt { get; init; }

    public bool Wants(string eventType) => DisabledAt is null && (EventTypes.Contains(AllEvents) || EventTypes.Contains(eventType));

    /// <summary>The protected secrets that sign a delivery at <paramref name="now"/>: the current one, then the replaced one during its overlap.</summary>
    public IReadOnlyList<string> SigningSecretsAt(DateTimeOffset now) =>
        PreviousProtectedSecret is { } previous && now < PreviousSecretValidUntil ? [ProtectedSecret, previous] : [ProtectedSecret];
}

/// <summary>A webhook as its owner sees it: never a secret.</summary>
public sealed record WebhookView(
    Guid Id, string Url, string[] EventTypes, DateTimeOffset CreatedAt, bool Enabled, DateTimeOffset? DisabledAt,
    DateTimeOffset? SecretRotatedAt, DateTimeOffset? PreviousSecretValidUntil)
{
    public static WebhookView Of(Webhook w) =>
        new(w.Id, w.Url, w.EventTypes, w.CreatedAt, w.DisabledAt is null, w.DisabledAt, w.SecretRotatedAt, w.PreviousSecretValidUntil);
}

/// <summary>One try to deliver one event to one webhook: every attempt is kept (with the webhook).</summary>
public sealed record WebhookAttempt(
    Guid Id, Guid WebhookId, Guid AccountId, Guid DeliveryId, string EventType, int Attempt, DateTimeOffset At,
    int? StatusCode, string Outcome, string? Error)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string DeadLettered = "dead-lettered";

    /// <summary>Not sent: the webhook was disabled by the time the attempt was due, so the delivery ends here.</summary>
    public const string Stopped = "stopped";
}

/// <summary>
/// What a delivery sends, kept from its first attempt so that it can be sent again as it was
/// (<see cref="RetryDeliveryEndpoint"/>). Id is the delivery id.
/// </summary>
public sealed record DeliveryContent(Guid Id, Guid WebhookId, Guid AccountId, string EventType, string Body);
