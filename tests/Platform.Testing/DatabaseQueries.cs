using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// Counts the SQL commands this process sends whose text contains <c>marker</c>, seen through Npgsql's own
/// tracing: a test's claim about database reads is then about what reached PostgreSQL, not what the code says it did.
/// </summary>
public sealed class DatabaseQueries : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public DatabaseQueries(string marker)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.query.text") is string sql && sql.Contains(marker, StringComparison.Ordinal))
                    Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
