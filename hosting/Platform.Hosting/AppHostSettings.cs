using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting;

/// <summary>The orchestrator's knobs, read once from the AppHost's configuration when the app is built.</summary>
internal sealed record AppHostSettings
{
    public required IConfiguration Configuration { get; init; }

    public required AppHostMetadata Metadata { get; init; }

    public required string RepositoryRoot { get; init; }

    public required string EnvironmentName { get; init; }

    /// <summary>Testing mode: throw-away PostgreSQL in a temp folder, random ports.</summary>
    public bool Testing { get; init; }

    /// <summary>Ignore fixed ports (<c>WithHttpEndpoint(port:)</c>, <c>Postgres:Port</c>) and take free ones.</summary>
    public bool RandomizePorts { get; init; }

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(180);

    public static AppHostSettings From(IConfiguration configuration, AppHostMetadata metadata, string repositoryRoot, string environmentName, bool testing) => new()
    {
        Configuration = configuration,
        Metadata = metadata,
        RepositoryRoot = repositoryRoot,
        EnvironmentName = environmentName,
        Testing = testing,
        RandomizePorts = configuration.GetValue("AppHost:RandomizePorts", testing),
        HealthTimeout = Duration(configuration["AppHost:HealthTimeout"]) ?? TimeSpan.FromSeconds(180),
    };

    /// <summary>Seconds ("180") or a TimeSpan ("00:03:00").</summary>
    private static TimeSpan? Duration(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span
        : null;
}
