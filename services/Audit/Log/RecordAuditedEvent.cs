using System.Diagnostics;
using System.Text.Json;
using Marten;
using Platform.Audit.Webhooks;
using Platform.Contracts;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Audit.Log;

/// <summary>
/// Records any <see cref="IAuditedEvent"/> (Keys, Tokens, Agents, and Audit's own anomalies) at the head of its
/// subject's chain, once per event id, one writer per subject at a time: the trail is fetched for exclusive writing
/// (its stream row locked until the recording commits), so writers of one subject, across handlers and replicas,
/// take turns instead of racing on the stream version; other subjects record in parallel.
/// </summary>
/// <remarks>
/// Note: a subject's first event has no stream row to lock yet; two first writers at once both append version 1 and
/// the loser's commit fails, is retried (AuditLogModule) and finds the head the winner wrote.
/// Note: Wolverine runs a handler declared for an interface for a concrete message arriving from a
/// queue only once the concrete type name resolves (it must be registered), and an in-process invoke
/// only through a forwarding rule: <see cref="AuditLogModule"/> sets up both.
/// </remarks>
public static class RecordAuditedEventHandler
{
    /// <summary>
    /// Whether this event is recorded already (a redelivery, a copy another replica handled), and the account's webhooks
    /// to announce the entry to. Note: Wolverine runs this before the trail's lock, so a copy recorded between this read
    /// and the lock is caught at the commit instead: its entry's insert (inline projection) fails, the retry
    /// (AuditLogModule) reads again and records nothing. Both reads go in one round trip: Audit records an entry for
    /// every key issued, and its time per entry is mostly waiting on PostgreSQL.
    /// </summary>
    public static async Task<(AuditEntry? Recorded, IReadOnlyList<Webhook> Webhooks)> LoadAsync(IAuditedEvent e, IDocumentSession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var recorded = batch.Load<AuditEntry>(e.EventId);
        var webhooks = batch.Query<Webhook>().Where(w => w.AccountId == e.AccountId).ToList();
        await batch.Execute(ct);
        return (await recorded, await webhooks);
    }

    /// <summary>The pure decision: the entry sealed onto the chain's head and its webhook deliveries, or nothing for an event already recorded.</summary>
    public static (Events, OutgoingMessages) Handle(IAuditedEvent e,
        [WriteAggregate(nameof(IAuditedEvent.SubjectId), LoadStyle = ConcurrencyStyle.Exclusive, Required = false)] AuditTrail? trail,
        AuditEntry? recorded, IReadOnlyList<Webhook> webhooks, Envelope envelope, TimeProvider clock)
    {
        if (recorded is not null) return ([], []);
        var now = clock.GetUtcNow();
        // The trace id is the one Wolverine restored from the message, i.e. the causing request's.
        var entry = Record(e, trail, envelope.Source, now, Activity.Current?.TraceId.ToString());
        return ([entry], [.. WebhookFanout.For(entry, webhooks, now)]);
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
