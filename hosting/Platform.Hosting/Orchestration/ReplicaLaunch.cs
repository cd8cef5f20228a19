namespace Platform.Hosting.Orchestration;

/// <summary>How to start one replica: the same each time the supervisor starts it again.</summary>
/// <param name="Environment">Set on top of the AppHost's own environment; a null value removes the variable.</param>
internal sealed record ReplicaLaunch(
    string Resource,
    string Name,
    string Program,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    Uri Endpoint);
