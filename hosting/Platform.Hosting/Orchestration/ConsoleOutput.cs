namespace Platform.Hosting.Orchestration;

/// <summary>
/// Every line the app prints: process output prefixed with its replica's name (one colour per
/// resource when writing to a terminal), the orchestrator's own notices, and the final error line.
/// </summary>
internal sealed class ConsoleOutput
{
    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly bool _useColour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private int _width;

    /// <summary>Declares a resource and the names its lines will carry, so prefixes line up.</summary>
    public void Register(string resource, IEnumerable<string> names)
    {
        lock (_gate)
        {
            _colours.TryAdd(resource, Palette[_colours.Count % Palette.Length]);
            _width = Math.Max(_width, names.Max(n => n.Length));
        }
    }

    public void Line(string resource, string name, string text)
    {
        lock (_gate)
        {
            var prefix = name.PadRight(_width) + " | ";
            Console.Out.WriteLine(_useColour && _colours.TryGetValue(resource, out var c) ? $"\e[{c}m{prefix}\e[0m{text}" : prefix + text);
        }
    }

    /// <summary>The orchestrator's own notices: restarts, the resource table.</summary>
    public void Notice(string text)
    {
        lock (_gate) Console.Out.WriteLine(_useColour ? $"\e[1m{text}\e[0m" : text);
    }

    public void Error(string text)
    {
        lock (_gate) Console.Error.WriteLine(text);
    }
}
