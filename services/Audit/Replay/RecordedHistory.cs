using Marten;
using Platform.Audit.Log;

namespace Platform.Audit.Replay;

/// <summary>One event of a subject's audit stream, with its global sequence.</summary>
public sealed record RecordedEvent(long Sequence, AuditRecorded Entry);

/// <summary>
/// Subjects' audit streams as as-of reads need them, kept by stream version: a stream only grows, so the
/// events up to a version never change, and a read fetches only those recorded since (one cheap read of
/// the stream's version when nothing is new). Replaying a busy key no longer reads and decodes its
/// whole history on every question. Integrity verification does not use this: it reads the store.
/// </summary>
public sealed class RecordedHistory
{
    /// <summary>Events kept in all; past it the memory starts over (each subject is then read whole once more).</summary>
    private const int Capacity = 200_000;

    private readonly Dictionary<Guid, Kept> _subjects = [];
    private readonly Lock _gate = new();
    private int _count;

    private sealed record Kept(long Version, IReadOnlyList<RecordedEvent> Events);

    public async Task<IReadOnlyList<RecordedEvent>> ReadAsync(IQuerySession session, Guid subjectId, CancellationToken ct)
    {
        var stream = await session.Events.FetchStreamStateAsync(subjectId, ct);
        if (stream is null) return [];
        Kept? kept;
        lock (_gate) _subjects.TryGetValue(subjectId, out kept);
        if (kept is not null && kept.Version >= stream.Version) return kept.Events;

        var from = kept?.Version ?? 0;
        var tail = await session.Events.FetchStreamAsync(subjectId, fromVersion: from + 1, token: ct);
        if (tail.Count == 0) return kept?.Events ?? [];
        var events = (kept?.Events ?? []).Concat(tail.Where(e => e.Data is AuditRecorded).Select(e => new RecordedEvent(e.Sequence, (AuditRecorded)e.Data))).ToList();
        Keep(subjectId, new Kept(tail[^1].Version, events), added: events.Count - (kept?.Events.Count ?? 0));
        return events;
    }

    private void Keep(Guid subjectId, Kept kept, int added)
    {
        lock (_gate)
        {
            // Another reader may have kept a longer prefix meanwhile: the longer one stays.
            if (_subjects.TryGetValue(subjectId, out var current) && current.Version >= kept.Version) return;
            if (_count + added > Capacity)
            {
                _subjects.Clear();
                _count = 0;
                added = kept.Events.Count;
            }
            _subjects[subjectId] = kept;
            _count += added;
        }
    }
}
