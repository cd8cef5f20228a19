namespace Platform.EndToEnd.Tests;

/// <summary>Polls for an outcome that crosses processes and queues, up to a generous deadline.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within {timeout.TotalSeconds:0} s; last value: {(describe is null ? value : describe(value))}");
            await Task.Delay(200);
        }
    }
}
