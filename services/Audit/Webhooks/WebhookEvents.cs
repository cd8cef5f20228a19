using Platform.Audit.Log;

namespace Platform.Audit.Webhooks;

/// <summary>The event types a webhook can subscribe to: every audited contract, by name.</summary>
public static class WebhookEvents
{
    public const string Test = "WebhookTest";

    public static readonly IReadOnlySet<string> Known =
        new SortedSet<string>(AuditLogModule.AuditedContracts().Select(t => t.Name).Append(Test), StringComparer.Ordinal);

    public static bool IsKnown(string type) => type == Webhook.AllEvents || Known.Contains(type);
}
