using System.Diagnostics;

namespace Platform.Hosting.Orchestration;

/// <summary>
/// Keeps one replica running: starts it, probes it healthy, and when it exits while the app is not
/// stopping, starts it again after an exponential back-off.
/// </summary>
internal sealed class ReplicaSupervisor(ReplicaLaunch launch, int index, ConsoleOutput output, StateSignal signal)
{
    private static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    // Where setsid is missing (see OwnSession), Ctrl+C reaches the children together with us: this gives
    // our handler time to mark "stopping" before an exit is taken for a crash.
    private static readonly TimeSpan ExitSettle = TimeSpan.FromMilliseconds(300);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ReplicaProcess? _current;
    private Task _loop = Task.CompletedTask;

    public string Name => launch.Name;

    public ReplicaSnapshot Snapshot => new(launch.Resource, launch.Name, index, State, launch.Endpoint, RunningPid, Restarts);

    private int? RunningPid => _current is { Exited.IsCompleted: false } running ? running.Id : null;

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    public int Restarts { get; private set; }

    public string LastProblem { get; private set; } = "not started";

    /// <summary>Completes the first time the replica is healthy; faults if it cannot be started at all.</summary>
    public Task FirstHealthy => _firstHealthy.Task;

    public void Start() => _loop = Task.Run(SuperviseAsync);

    /// <summary>From now on an exit is final; called first thing on Ctrl+C, before anything is stopped.</summary>
    public void MarkStopping() => _stopping.Cancel();

    public async Task StopAsync()
    {
        _stopping.Cancel();
        ReplicaProcess? current;
        lock (_gate) current = _current;
        if (current is not null && !current.Exited.IsCompleted)
        {
            SetState(ResourceState.Stopping);
            await current.StopAsync(StopGrace);
        }
        await _loop;
        SetState(ResourceState.Stopped);
    }

    private async Task SuperviseAsync()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        try
        {
            while (await RunOnceAsync() is { } exit && await ShouldRestartAsync(exit, backoff)) Restarts++;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LastProblem = e.Message;
            SetState(ResourceState.Failed);
            _firstHealthy.TrySetException(new DistributedApplicationException($"{Name}: could not start {launch.Program}: {e.Message}"));
        }
    }

    /// <summary>Runs the process until it exits; null when we are stopping and it never started.</summary>
    private async Task<(int Code, TimeSpan Uptime)?> RunOnceAsync()
    {
        ReplicaProcess process;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested) return null;
            process = _current = ReplicaProcess.Start(launch, output);
        }
        var started = Stopwatch.GetTimestamp();
        SetState(ResourceState.Starting);
        try
        {
            if (await HealthProbe.WaitAsync(launch.Endpoint, process.Exited, p => LastProblem = p, _stopping.Token))
            {
                if (Restarts > 0) output.Notice($"{Name} is healthy again");
                SetState(ResourceState.Healthy);
                _firstHealthy.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync ends the process.
        }
        var code = await process.Exited;
        LastProblem = $"exited with code {code}" + (process.LastLine is { } last ? $"; last output: {last}" : "");
        return (code, Stopwatch.GetElapsedTime(started));
    }

    private async Task<bool> ShouldRestartAsync((int Code, TimeSpan Uptime) exit, Backoff backoff)
    {
        await Task.Delay(ExitSettle);
        if (_stopping.IsCancellationRequested) return false;
        if (exit.Uptime >= StableUptime) backoff.Reset();
        var delay = backoff.Next();
        output.Notice($"{Name} exited (code {exit.Code}); restarting in {delay.TotalSeconds:0} s");
        SetState(ResourceState.Restarting);
        try
        {
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return !_stopping.IsCancellationRequested;
    }

    private void SetState(ResourceState state)
    {
        State = state;
        signal.Pulse();
    }
}
