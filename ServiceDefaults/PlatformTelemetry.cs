using System.Diagnostics;

namespace Platform.ServiceDefaults;

/// <summary>The platform's own activity source and meter name, exported alongside the libraries'.</summary>
public static class PlatformTelemetry
{
    public const string Name = "Platform";
    public static readonly ActivitySource Source = new(Name);
}
