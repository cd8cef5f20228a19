namespace Platform.Contracts;

/// <summary>
/// An integration event that belongs in a subject's audit history. Producers: Keys, Tokens, Agents
/// (each publishes every implementation to <see cref="Queues.Audit"/>). Consumer: Audit, which keeps one
/// hash-chained stream per subject.
/// </summary>
public interface IAuditedEvent : IIntegrationEvent
{
    /// <summary>One of <see cref="AuditSubjects"/>.</summary>
    string SubjectType { get; }

    Guid SubjectId { get; }

    /// <summary>The owning account; <see cref="Guid.Empty"/> for platform-wide subjects such as signing keys.</summary>
    Guid AccountId { get; }

    /// <summary>
    /// The version, in the producer's event stream of <see cref="SubjectId"/>, of the event this announces
    /// (1 for the event that started the stream), so Audit can prove it holds every one of them. 0 when it
    /// announces no stream event (the subject is a document, or the event is Audit's own finding).
    /// </summary>
    long SourceVersion { get; }
}

/// <summary>The kinds of audited subject.</summary>
public static class AuditSubjects
{
    public const string Key = "key";
    public const string Client = "client";
    public const string SigningKey = "signing-key";
    public const string RefreshFamily = "refresh-family";
    public const string AgentCredential = "agent";
    public const string User = "user";
    public const string Account = "account";
}
