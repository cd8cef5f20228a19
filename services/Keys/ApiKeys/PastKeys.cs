using Marten;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// Keys as they were, for auditors' as-of reads: a key's state at a stream version never changes, so
/// every state replayed once is kept by (key, version) and is never stale. An instant is first turned
/// into the version the stream had then (one indexed read); that version answers from memory, or is
/// replayed from the nearest earlier version already kept, reading only the events after it.
/// </summary>
public sealed class PastKeys(IDocumentStore store)
{
    /// <summary>States kept in all; past it the memory starts over (each key then replays once more).</summary>
    private const int Capacity = 100_000;

    private readonly Dictionary<Guid, SortedList<long, ApiKey>> _states = [];
    private readonly Lock _gate = new();
    private int _count;

    public async Task<ApiKey?> AsOfAsync(IQuerySession session, Guid keyId, DateTimeOffset instant, CancellationToken ct)
    {
        if (await VersionAtAsync(session, keyId, instant, ct) is not { } version) return null;
        var (known, state) = Nearest(keyId, version);
        if (known == version) return state;

        // Note: ApiKey is immutable (every Apply returns a new record), so seeding the fold with a kept state
        // cannot change it; at least one event follows the seed, so the fold's result is a new instance.
        var replayed = await session.Events.AggregateStreamAsync(keyId, version: version, state: state, fromVersion: known + 1, token: ct);
        if (replayed is not null) Keep(keyId, version, replayed);
        return replayed;
    }

    /// <summary>The version the key's stream had at <paramref name="instant"/>, or null if it did not exist yet.</summary>
    private async Task<long?> VersionAtAsync(IQuerySession session, Guid keyId, DateTimeOffset instant, CancellationToken ct)
    {
        var events = store.Options.Events.DatabaseSchemaName;
        var found = await session.QueryAsync<long>(
            $"select coalesce(max(version), 0) from {events}.mt_events where stream_id = ? and timestamp <= ?", ct, keyId, instant);
        return found.FirstOrDefault() is > 0 and var version ? version : null;
    }

    private (long Version, ApiKey? State) Nearest(Guid keyId, long version)
    {
        lock (_gate)
        {
            if (!_states.TryGetValue(keyId, out var kept)) return (0, null);
            if (kept.TryGetValue(version, out var exact)) return (version, exact);
            // Versions are few per key and sorted: the last one below the target is the best seed.
            for (var i = kept.Count - 1; i >= 0; i--)
                if (kept.Keys[i] < version) return (kept.Keys[i], kept.Values[i]);
            return (0, null);
        }
    }

    private void Keep(Guid keyId, long version, ApiKey state)
    {
        lock (_gate)
        {
            if (_count >= Capacity)
            {
                _states.Clear();
                _count = 0;
            }
            if (!_states.TryGetValue(keyId, out var kept)) _states[keyId] = kept = [];
            if (kept.TryAdd(version, state)) _count++;
        }
    }
}
