using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults;

namespace Platform.Infrastructure.Changes;

/// <summary>What a read on an index miss found: the value, nothing, or no answer in time (the caller answers 503).</summary>
public readonly record struct IndexRead<T>(T? Value, bool Unavailable) where T : class
{
    public static readonly IndexRead<T> Absent = new(null, false);
    public static readonly IndexRead<T> NoAnswer = new(null, true);
}

/// <summary>
/// Read-your-writes for an in-memory index kept by a <see cref="ChangeListener"/>: a caller told a moment ago
/// that something exists (a 201 from another replica) may arrive before this replica's notification, so a miss
/// falls back to one bounded database read. Concurrent misses for one key share that read; an absence is
/// remembered for <see cref="AbsentFor"/>, so repeated garbage costs one read; and at most
/// <see cref="MaxConcurrentReads"/> run at once, so distinct garbage cannot take the database's connections.
/// </summary>
public sealed class IndexFallback<T> where T : class
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan AbsentFor = TimeSpan.FromSeconds(2);
    public const int MaxAbsent = 10_000;
    public const int MaxConcurrentReads = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task<IndexRead<T>>>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _absentUntil = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reads = new(MaxConcurrentReads);
    private readonly Counter<long> _misses;
    private readonly KeyValuePair<string, object?> _index = new("index", typeof(T).Name);
    private readonly ILogger _logger;

    public IndexFallback(IMeterFactory meters, ILogger<IndexFallback<T>> logger)
    {
        _misses = meters.Create(PlatformTelemetry.Name).CreateCounter<long>(
            "platform.index.misses", "{miss}", "In-memory index misses, by how they were answered (remembered, found, absent, unavailable)");
        _logger = logger;
    }

    /// <summary>
    /// <paramref name="key"/> names what is looked for (a hash or an id, never a secret); <paramref name="read"/>
    /// is the one query, cancelled at <see cref="Timeout"/>.
    /// </summary>
    public Task<IndexRead<T>> ReadAsync(string key, Func<CancellationToken, Task<T?>> read, CancellationToken ct)
    {
        if (_absentUntil.TryGetValue(key, out var until) && until > Environment.TickCount64)
        {
            Count("remembered");
            return Task.FromResult(IndexRead<T>.Absent);
        }
        if (!_inFlight.TryGetValue(key, out var shared))
        {
            Lazy<Task<IndexRead<T>>> mine = null!;
            mine = new(() => ReadOnceAsync(key, read, mine));
            shared = _inFlight.GetOrAdd(key, mine);
        }
        return shared.Value.WaitAsync(ct);
    }

    private async Task<IndexRead<T>> ReadOnceAsync(string key, Func<CancellationToken, Task<T?>> read, Lazy<Task<IndexRead<T>>> self)
    {
        // Not the first caller's token: the read is shared, and one caller giving up must not fail the others.
        using var deadline = new CancellationTokenSource(Timeout);
        var entered = false;
        try
        {
            await _reads.WaitAsync(deadline.Token);
            entered = true;
            var value = await read(deadline.Token);
            if (value is null) Remember(key);
            Count(value is null ? "absent" : "found");
            return new(value, false);
        }
        catch (Exception e)
        {
            // Unknown is not absent: nothing is remembered, and the caller answers 503 rather than 401.
            _logger.LogWarning("Reading {Index} after an index miss failed ({Reason})", typeof(T).Name, e.Message);
            Count("unavailable");
            return IndexRead<T>.NoAnswer;
        }
        finally
        {
            if (entered) _reads.Release();
            _inFlight.TryRemove(KeyValuePair.Create(key, self));
        }
    }

    private void Remember(string key)
    {
        var now = Environment.TickCount64;
        if (_absentUntil.Count >= MaxAbsent)
            foreach (var (stale, until) in _absentUntil)
                if (until <= now) _absentUntil.TryRemove(stale, out _);
        // Still full of fresh entries: forget nothing, remember nothing; the read limit still holds.
        if (_absentUntil.Count < MaxAbsent) _absentUntil[key] = now + (long)AbsentFor.TotalMilliseconds;
    }

    private void Count(string outcome) => _misses.Add(1, _index, new("outcome", outcome));
}
