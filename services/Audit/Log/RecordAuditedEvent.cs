using System.Diagnostics;
using System.Text.Json;
using Marten;
using Platform.Audit.Webhooks;
using Platform.Contracts;
using Wolverine;

namespace Platform.Audit.Log;

/// <summary>
/// Records any <see cref="IAuditedEvent"/> (Keys, Tokens, Agents, and Audit's own anomalies) at the
/// head of its subject's chain, once per event id, one writer per subject at a time (<see cref="SubjectLock"/>).
/// </summary>
/// <remarks>
/// Note: Wolverine runs a handler declared for an interface for a concrete message arriving from a
/// queue only once the concrete type name resolves (it must be registered), and an in-process invoke
/// only through a forwarding rule: <see cref="AuditLogModule"/> sets up both.
/// </remarks>
public static class RecordAuditedEventHandler
{
    public static async Task<OutgoingMessages> Handle(IAuditedEvent e, Envelope envelope, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await SubjectLock.TakeAsync(session, e.SubjectId, ct);
        // After the lock, so a copy of this event recorded meanwhile (a redelivery, another replica) is seen: its entry
        // commits with the event (inline projection), and so do its deliveries.
        if (await session.LoadAsync<AuditEntry>(e.EventId, ct) is not null) return [];
        // Note: the append still checks the stream version, a backstop should anything write without the lock.
        var trail = await session.Events.FetchForWriting<AuditTrail>(e.SubjectId, ct);
        var now = clock.GetUtcNow();
        // The trace id is the one Wolverine restored from the message, i.e. the causing request's.
        var entry = Record(e, trail.Aggregate, envelope.Source, now, Activity.Current?.TraceId.ToString());
        trail.AppendOne(entry);

        var webhooks = await session.Query<Webhook>().Where(w => w.AccountId == e.AccountId).ToListAsync(ct);
        return [.. WebhookFanout.For(entry, webhooks, now)];
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
