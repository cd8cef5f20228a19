using System.Text;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Everything the AppHost prints (every service's log lines, prefixed with its name) goes on to the
/// real console and is also kept, so tests can check that no secret was ever logged by any service.
/// </summary>
public sealed class ConsoleCapture : TextWriter
{
    private const int MaxChars = 64 * 1024 * 1024;
    private readonly TextWriter inner;
    private readonly StringBuilder kept = new();
    private readonly Lock gate = new();

    private ConsoleCapture(TextWriter inner) => this.inner = inner;

    public override Encoding Encoding => inner.Encoding;

    public static ConsoleCapture Install()
    {
        var capture = new ConsoleCapture(Console.Out);
        Console.SetOut(capture);
        return capture;
    }

    public string Text
    {
        get { lock (gate) return kept.ToString(); }
    }

    public override void Write(char value)
    {
        lock (gate)
        {
            inner.Write(value);
            if (kept.Length < MaxChars) kept.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            inner.Write(value);
            if (kept.Length < MaxChars) kept.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            inner.WriteLine(value);
            if (kept.Length < MaxChars) kept.Append(value).Append('\n');
        }
    }

    public override void Flush() => inner.Flush();
}
