using System.Diagnostics;
using System.Text.Json;
using Platform.Audit.Webhooks;
using Platform.Contracts;
using Wolverine;
using Wolverine.Runtime;

namespace Platform.Audit.Log;

/// <summary>
/// Records any <see cref="IAuditedEvent"/> (Keys, Tokens, Agents, and Audit's own anomalies) at the head of its
/// subject's chain, once per event id, one writer per subject at a time: <see cref="AuditRecorder"/> commits it with
/// whatever else is waiting, its subject's trail locked until the commit, and the handler returns (the message is
/// acknowledged) only once it is committed.
/// </summary>
/// <remarks>
/// Note: a subject's first event has no stream row to lock yet; two first writers at once both start the stream and
/// the loser's commit fails, is retried (AuditLogModule) and finds the head the winner wrote.
/// Note: Wolverine runs a handler declared for an interface for a concrete message arriving from a
/// queue only once the concrete type name resolves (it must be registered), and an in-process invoke
/// only through a forwarding rule: <see cref="AuditLogModule"/> sets up both.
/// </remarks>
public static class RecordAuditedEventHandler
{
    public static Task Handle(IAuditedEvent e, Envelope envelope, AuditRecorder recorder, CancellationToken ct) =>
        recorder.RecordAsync(new(e, envelope.Source, CauseOf(envelope)), ct);

    /// <summary>
    /// The span the entry belongs under: the message's own activity (its trace is the causing request's), or, when this
    /// process records none, the parent the message carried (the producer's span).
    /// </summary>
    public static ActivityContext CauseOf(Envelope envelope) =>
        WolverineTracing.MessageActivity(envelope)?.Context is { } own && own != default ? own
        : ActivityContext.TryParse(envelope.ParentId, null, out var parent) ? parent : default;

    /// <summary>
    /// The pure decision of a commit: each event not recorded yet (nor earlier in the batch) sealed onto its subject's
    /// head, subjects in id order (the order their new streams are written, as their locks are taken) and each subject's
    /// events in arrival order; and the deliveries to the accounts' webhooks that want them.
    /// </summary>
    public static (List<AuditRecorded> Entries, List<DeliverWebhook> Deliveries) Decide(IReadOnlyList<PendingEntry> batch,
        IReadOnlyDictionary<Guid, AuditTrail?> heads, IReadOnlySet<Guid> recorded, IReadOnlyList<Webhook> webhooks, DateTimeOffset now)
    {
        var seen = new HashSet<Guid>(recorded);
        var head = new Dictionary<Guid, AuditTrail?>(heads);
        var entries = new List<AuditRecorded>();
        foreach (var pending in batch.OrderBy(p => p.Event.SubjectId))
        {
            var e = pending.Event;
            if (!seen.Add(e.EventId)) continue;
            var trail = head.GetValueOrDefault(e.SubjectId);
            var entry = Record(e, trail, pending.EnvelopeSource, now, pending.TraceId);
            entries.Add(entry);
            head[e.SubjectId] = trail is null ? AuditTrail.Create(entry) : trail.Apply(entry);
        }
        return (entries, [.. entries.SelectMany(entry => WebhookFanout.For(entry, webhooks, now))]);
    }

    public static AuditRecorded Record(IAuditedEvent e, AuditTrail? head, string? envelopeSource, DateTimeOffset now, string? traceId)
    {
        var entry = new AuditRecorded(
            e.EventId, e.SubjectType, e.SubjectId, e.AccountId, e.GetType().Name, e.Actor, SourceOf(e.GetType(), envelopeSource),
            e.OccurredAt, now, traceId, JsonSerializer.Serialize(e, e.GetType(), JsonSerializerOptions.Web), 0, "", "") { SourceVersion = e.SourceVersion };
        return AuditChain.Seal(entry, (head?.Length ?? 0) + 1, head?.HeadHash ?? AuditChain.Genesis);
    }

    /// <summary>
    /// The producing service, from the contract's namespace (<c>Platform.Contracts.Tokens</c> → <c>tokens-api</c>,
    /// the AppHost's resource name; <c>Accounts</c>, which Keys owns, → <c>keys-api</c>); the envelope's sender only
    /// for a contract outside a service's namespace.
    /// </summary>
    public static string SourceOf(Type contract, string? envelopeSource)
    {
        var prefix = typeof(IAuditedEvent).Namespace + ".";
        if (contract.Namespace is not { } ns || !ns.StartsWith(prefix, StringComparison.Ordinal) || ns[prefix.Length..].Contains('.'))
            return envelopeSource ?? "unknown";
        var area = ns[prefix.Length..];
        return area == nameof(Contracts.Accounts) ? "keys-api" : $"{area.ToLowerInvariant()}-api";
    }
}
