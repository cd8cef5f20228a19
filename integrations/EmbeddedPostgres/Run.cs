using System.Diagnostics;

namespace Platform.EmbeddedPostgres;

internal static class Run
{
    /// <summary>Runs a short command to completion; a non-zero exit becomes a one-line error.</summary>
    public static async Task CheckedAsync(ProcessStartInfo info, CancellationToken ct = default)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new PostgresLaunchException($"could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Cancelled start (Ctrl+C during initdb): leave no initdb running behind us.
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            var why = (await stderr).Trim().Split('\n').LastOrDefault(l => l.Length > 0) ?? (await stdout).Trim();
            throw new PostgresLaunchException($"{Path.GetFileName(info.ArgumentList.FirstOrDefault(a => a.Contains('/')) ?? info.FileName)} failed (exit {process.ExitCode}): {why}");
        }
    }
}
