using Platform.Audit.Log;
using Platform.Contracts;

namespace Platform.Audit.Replay;

/// <summary>
/// A subject's audit entries up to a stream version, in the order they occurred (then by sequence), and for a key
/// what it could do after each: the answer to "as of T" is the entries before a binary-searched index and the
/// state at it. Immutable: a newer version is a new history.
/// </summary>
public sealed class SubjectHistory
{
    private readonly AuditEntry[] _entries;
    private readonly KeyState[] _states;

    private SubjectHistory(long version, AuditEntry[] entries, KeyState[] states)
    {
        Version = version;
        _entries = entries;
        _states = states;
    }

    /// <summary>The subject's stream version this history reaches.</summary>
    public long Version { get; }

    public IReadOnlyList<AuditEntry> Entries => _entries;

    /// <summary>Whose subject it is and what kind: as its first recorded entry says.</summary>
    public Guid AccountId => _entries[0].AccountId;

    public string SubjectType => _entries[0].SubjectType;

    /// <summary>A history of these entries; null when there are none (a stream with no recorded entry is no subject).</summary>
    public static SubjectHistory? Of(long version, IEnumerable<AuditEntry> entries)
    {
        AuditEntry[] ordered = [.. entries.OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence)];
        return ordered.Length == 0 ? null : new(version, ordered, Fold(ordered, 0, []));
    }

    /// <summary>
    /// This history with entries recorded since. Entries mostly arrive in the order they occurred and are appended,
    /// folding only them; one that occurred before the last kept (producers' clocks and queues differ) sorts in
    /// place, and the states from there are folded again.
    /// </summary>
    public SubjectHistory With(long version, IEnumerable<AuditEntry> recorded)
    {
        var added = recorded.ToArray();
        if (added.Length == 0) return new(version, _entries, _states);
        AuditEntry[] entries = [.. _entries.Concat(added).OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence)];
        var firstChanged = 0;
        while (firstChanged < _entries.Length && ReferenceEquals(entries[firstChanged], _entries[firstChanged])) firstChanged++;
        return new(version, entries, Fold(entries, firstChanged, _states));
    }

    /// <summary>How many entries occurred at or before <paramref name="instant"/>: the length of the as-of prefix.</summary>
    public int CountUpTo(DateTimeOffset instant)
    {
        int low = 0, high = _entries.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_entries[mid].OccurredAt <= instant) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>The first <paramref name="count"/> entries, without copying them.</summary>
    public IReadOnlyList<AuditEntry> EntriesUpTo(int count) => new ArraySegment<AuditEntry>(_entries, 0, count);

    /// <summary>What a key could do after its first <paramref name="count"/> entries (the fold, before expiry is applied).</summary>
    public KeyState KeyAfter(int count) => count == 0 || SubjectType != AuditSubjects.Key ? KeyState.Unknown : _states[count - 1];

    private static KeyState[] Fold(AuditEntry[] entries, int from, KeyState[] kept)
    {
        var states = new KeyState[entries.Length];
        Array.Copy(kept, states, from);
        var state = from == 0 ? KeyState.Unknown : kept[from - 1];
        for (var i = from; i < entries.Length; i++) states[i] = state = state.Apply(entries[i]);
        return states;
    }
}
