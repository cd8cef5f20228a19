using System.Diagnostics;
using System.Threading.Channels;
using Platform.Audit.Webhooks;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Wolverine;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace Platform.Audit.Log;

/// <summary>
/// An audited event waiting for its group commit, with what its handler knew of the message carrying it: its sender,
/// and the span that caused it (the producer's, carried by the message), whose trace the entry keeps.
/// </summary>
public sealed record PendingEntry(IAuditedEvent Event, string? EnvelopeSource, ActivityContext Cause = default)
{
    public string? TraceId => Cause == default ? null : Cause.TraceId.ToString();

    internal TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Records audited events in group commits: every event waiting when a commit starts goes into it, so one transaction
/// (its round trips, its pooled connection's reset, its commit) serves as many entries as arrived meanwhile. Quiet, an
/// entry commits alone as before; busy, the cost per entry falls as the backlog grows, which is what lets Audit keep up
/// with Keys when both share a saturated machine. A handler returns only once its event's entry committed, so the
/// message is acknowledged (its inbox row marked handled) only after that: nothing acknowledged is lost.
/// </summary>
/// <remarks>
/// One writer per replica. A commit locks its subjects' trails in subject-id order, in one round trip (Marten's batched
/// exclusive fetch), so commits of two replicas sharing subjects take turns without deadlock. A commit that fails (a copy
/// of an event another replica recorded meanwhile, two first writers of one subject) is retried entry by entry, so each
/// waiting handler gets its own outcome and Wolverine's retry policy (<see cref="AuditLogModule"/>) applies per event.
/// </remarks>
public sealed class AuditRecorder(OutboxedSessionFactory sessions, IWolverineRuntime runtime, TimeProvider clock) : IAsyncDisposable
{
    /// <summary>Entries per commit at most: a commit's locks and statements stay short.</summary>
    public const int MaxBatch = 100;

    private readonly Channel<PendingEntry> _waiting = Channel.CreateUnbounded<PendingEntry>(new() { SingleReader = true });
    private Task? _loop;
    private readonly Lock _start = new();

    public Task RecordAsync(PendingEntry entry, CancellationToken ct)
    {
        EnsureWriting();
        if (!_waiting.Writer.TryWrite(entry)) throw new ObjectDisposedException(nameof(AuditRecorder), "audit recording has stopped");
        // A handler given up on (shutdown) leaves its message unacknowledged; if its entry commits anyway, the redelivery finds it recorded.
        return entry.Committed.Task.WaitAsync(ct);
    }

    private void EnsureWriting()
    {
        if (_loop is not null) return;
        // Without the first caller's context: its activity would otherwise be every later commit's ambient parent.
        lock (_start)
            using (ExecutionContext.SuppressFlow())
                _loop ??= Task.Run(WriteAsync);
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingEntry>(MaxBatch);
        while (await _waiting.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await CommitAsync(batch);
                foreach (var entry in batch) entry.Committed.TrySetResult();
            }
            catch when (batch.Count > 1)
            {
                foreach (var entry in batch)
                {
                    try
                    {
                        await CommitAsync([entry]);
                        entry.Committed.TrySetResult();
                    }
                    catch (Exception e)
                    {
                        entry.Committed.TrySetException(e);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].Committed.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// One transaction: what is recorded already, the accounts' webhooks and every subject's trail (locked) in one round
    /// trip, then the entries and their webhook deliveries (through the outbox) in the commit.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<PendingEntry> batch)
    {
        // Part of the first entry's trace (alone, as on a quiet system, the commit nests under its message), linked to the others'.
        using var activity = PlatformTelemetry.Source.StartActivity("audit record", ActivityKind.Internal, batch[0].Cause,
            links: batch.Count > 1 ? batch.Skip(1).Where(p => p.Cause != default).Select(p => new ActivityLink(p.Cause)) : null);
        activity?.SetTag("audit.entries", batch.Count);
        var context = new MessageContext(runtime);
        await using var session = sessions.OpenSession(context);
        var query = session.CreateBatchQuery();
        var recorded = query.LoadMany<AuditEntry>().ByIdList(batch.Select(p => p.Event.EventId).Distinct());
        var accounts = batch.Select(p => p.Event.AccountId).Distinct().ToArray();
        var webhooks = query.Query<Webhook>().Where(w => accounts.Contains(w.AccountId)).ToList();
        // Subject-id order: the row locks of two commits sharing subjects are taken in the same order.
        var trails = batch.Select(p => p.Event.SubjectId).Distinct().Order()
            .Select(subject => query.Events.FetchForExclusiveWriting<AuditTrail>(subject)).ToList();
        await query.Execute();

        var streams = (await Task.WhenAll(trails)).ToDictionary(s => s.Id);
        var (entries, deliveries) = RecordAuditedEventHandler.Decide(batch,
            streams.ToDictionary(s => s.Key, s => s.Value.Aggregate), (await recorded).Select(e => e.Id).ToHashSet(), await webhooks, clock.GetUtcNow());
        if (entries.Count == 0) return;
        foreach (var entry in entries) streams[entry.SubjectId].AppendOne(entry);
        foreach (var delivery in deliveries) await context.PublishAsync(delivery);
        await session.SaveChangesAsync();
        await context.FlushOutgoingMessagesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Disposed with the container, after Wolverine stopped handling: whatever is waiting is committed first.
        _waiting.Writer.TryComplete();
        if (_loop is { } loop) await loop;
    }
}
