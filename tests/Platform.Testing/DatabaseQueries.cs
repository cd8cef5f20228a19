using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// Counts the SQL commands this process sends while answering an HTTP request, whose text contains
/// <c>marker</c>, seen through Npgsql's own tracing: a test's claim about database reads is then about what
/// reached PostgreSQL, not what the code says it did. Background work (listeners, feeds) is not counted.
/// </summary>
public sealed class DatabaseQueries : IDisposable
{
    private const string Npgsql = "Npgsql", AspNetCore = "Microsoft.AspNetCore";
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<ActivityTraceId, bool> _requests = new();
    private readonly ConcurrentQueue<string> _seen = new();

    public DatabaseQueries(string marker)
    {
        _listener = new ActivityListener
        {
            // Both sources: a command belongs to a request when it shares the request's trace.
            ShouldListenTo = source => source.Name is Npgsql or AspNetCore,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.Source.Name == AspNetCore) _requests.TryAdd(activity.TraceId, true);
            },
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == Npgsql && activity.GetTagItem("db.query.text") is string sql
                    && sql.Contains(marker, StringComparison.Ordinal) && _requests.ContainsKey(activity.TraceId))
                    _seen.Enqueue($"{activity.StartTimeUtc:HH:mm:ss.fff} {sql}");
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => _seen.Count;

    /// <summary>What was counted, with when it started: for a failure message.</summary>
    public override string ToString() => string.Join('\n', _seen);

    public void Dispose() => _listener.Dispose();
}
