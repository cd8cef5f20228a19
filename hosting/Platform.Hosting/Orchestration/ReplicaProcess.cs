using System.Diagnostics;

namespace Platform.Hosting.Orchestration;

/// <summary>One run of a replica: a direct child process whose output is streamed line by line.</summary>
internal sealed class ReplicaProcess
{
    private readonly Process _process;
    private volatile string? _lastLine;

    private ReplicaProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        Exited = WaitForExitAsync();
    }

    public int Id { get; }

    /// <summary>Completes with the exit code once the process exited and its output was read to the end.</summary>
    public Task<int> Exited { get; }

    public string? LastLine => _lastLine;

    public static ReplicaProcess Start(ReplicaLaunch launch, ConsoleOutput output)
    {
        var info = new ProcessStartInfo(launch.Program)
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments) info.ArgumentList.Add(argument);
        OwnSession.Apply(info);
        foreach (var (name, value) in launch.Environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        ReplicaProcess? started = null;
        void Take(string? line)
        {
            if (line is null) return;
            if (line.Trim().Length > 0 && started is not null) started._lastLine = line.Trim();
            output.Line(launch.Resource, launch.Name, line);
        }
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.Start();
        started = new ReplicaProcess(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGTERM (ASP.NET Core's graceful stop), then the whole process tree after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted) return;
        // Only while not yet reaped, so the pid cannot belong to another process.
        if (!_process.HasExited) Posix.Signal(_process.Id, Posix.SigTerm);
        try
        {
            await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            try { _process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // exited meanwhile
            await Exited;
        }
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }
}
