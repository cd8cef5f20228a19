namespace Platform.Hosting.Orchestration;

/// <summary>Wakes whoever waits for a state change (tests waiting for "healthy again").</summary>
internal sealed class StateSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Pulse"/>; take it before checking the state, then await it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
