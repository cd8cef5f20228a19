using System.Diagnostics;

namespace Platform.EmbeddedPostgres;

/// <summary>Drains the server's output (a full pipe would stall it) and keeps the last error line.</summary>
internal sealed class ServerLog
{
    private volatile string _lastError = "no output";

    public ServerLog(Process server, Action<string>? sink)
    {
        server.ErrorDataReceived += (_, e) => Take(e.Data, sink);
        server.OutputDataReceived += (_, e) => Take(e.Data, sink);
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
    }

    public string LastError => _lastError;

    private void Take(string? line, Action<string>? sink)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        if (line.Contains("FATAL") || line.Contains("ERROR")) _lastError = line.Trim();
        sink?.Invoke(line);
    }
}
