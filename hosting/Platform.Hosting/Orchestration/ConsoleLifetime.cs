using System.Runtime.InteropServices;

namespace Platform.Hosting.Orchestration;

/// <summary>
/// The AppHost's run from a terminal: start, wait for Ctrl+C or SIGTERM, stop in order, and turn any
/// failure into one line on stderr and a non-zero exit code.
/// </summary>
internal sealed class ConsoleLifetime(Orchestrator orchestrator, Func<CancellationToken, Task> started)
{
    private readonly CancellationTokenSource _stop = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        string? failure = null;
        try
        {
            await orchestrator.StartAsync(stopping.Token);
            await started(stopping.Token);
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Asked to stop.
        }
        catch (DistributedApplicationException e)
        {
            failure = e.Message;
        }
        catch (Exception e)
        {
            failure = $"apphost failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        }

        if (_stop.IsCancellationRequested) orchestrator.Context.Output.Notice("stopping…");
        await orchestrator.StopAsync();
        if (failure is null) return 0;
        orchestrator.Context.Output.Error(failure);
        return 1;
    }

    private void OnSignal(PosixSignalContext context)
    {
        // We stop the children ourselves, in order; the runtime must not end the process first.
        context.Cancel = true;
        orchestrator.MarkStopping();
        _stop.Cancel();
    }
}
