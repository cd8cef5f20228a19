namespace Platform.Audit.Webhooks;

/// <summary>Section "Audit:Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Audit:Webhooks";

    /// <summary>Tries per delivery, the first included; after the last failure the delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry; each later wait doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Note: off by default, so a subscriber cannot aim the platform at its own network (SSRF). On only
    /// where receivers legitimately live on private addresses (local development, tests).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The retry delays: <see cref="MaxAttempts"/> − 1 waits, doubling from <see cref="FirstRetryDelay"/>.</summary>
    public TimeSpan[] RetryDelays() =>
        [.. Enumerable.Range(0, Math.Max(0, MaxAttempts - 1)).Select(i => FirstRetryDelay * Math.Pow(2, i))];
}
