using JasperFx.Events;
using Marten;
using Platform.Audit.Log;

namespace Platform.Audit.Replay;

/// <summary>
/// Subjects' audit streams as as-of reads need them, kept by stream version: a stream only grows, so the
/// events up to a version never change, and a read fetches only those recorded since (one cheap read of
/// the stream's version when nothing is new). Each is kept as a <see cref="SubjectHistory"/>: entries
/// decoded once, in the order they occurred, with what a key could do after each, so an as-of is a
/// binary search, not a decode and fold of the whole history per question. Integrity verification does
/// not use this: it reads the store.
/// </summary>
public sealed class RecordedHistory
{
    /// <summary>Entries kept in all; past it the memory starts over (each subject is then read whole once more).</summary>
    private const int Capacity = 200_000;

    private readonly Dictionary<Guid, SubjectHistory> _subjects = [];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>
    /// The subject's history as recorded up to <paramref name="stream"/>, its stream's state read just now (by the
    /// caller, so that read can share a round trip with others); null when nothing was recorded about it.
    /// </summary>
    public async Task<SubjectHistory?> ReadAsync(IQuerySession session, Guid subjectId, StreamState? stream, CancellationToken ct)
    {
        if (stream is null) return null;
        SubjectHistory? kept;
        lock (_gate) _subjects.TryGetValue(subjectId, out kept);
        if (kept is not null && kept.Version >= stream.Version) return kept;

        var tail = await session.Events.FetchStreamAsync(subjectId, fromVersion: (kept?.Version ?? 0) + 1, token: ct);
        if (tail.Count == 0) return kept;
        var recorded = tail.Where(e => e.Data is AuditRecorded).Select(e => AuditEntryProjection.ToEntry((AuditRecorded)e.Data, e.Sequence));
        var history = kept is null ? SubjectHistory.Of(tail[^1].Version, recorded) : kept.With(tail[^1].Version, recorded);
        if (history is null) return kept;
        Keep(subjectId, history, added: history.Entries.Count - (kept?.Entries.Count ?? 0));
        return history;
    }

    private void Keep(Guid subjectId, SubjectHistory history, int added)
    {
        lock (_gate)
        {
            // Another reader may have kept a longer prefix meanwhile: the longer one stays.
            if (_subjects.TryGetValue(subjectId, out var current) && current.Version >= history.Version) return;
            if (_count + added > Capacity)
            {
                _subjects.Clear();
                _count = 0;
                added = history.Entries.Count;
            }
            _subjects[subjectId] = history;
            _count += added;
        }
    }
}
