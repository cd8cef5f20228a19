namespace Platform.Hosting;

/// <summary>One running instance of a resource as it is now (a server or database has exactly one).</summary>
/// <param name="Name">The resource name, or <c>name-i</c> when it has several replicas.</param>
/// <param name="ProcessId">The pid of the running process (the app itself, not a wrapper), if any.</param>
/// <param name="Restarts">How many times the supervisor started it again after it exited.</param>
public sealed record ReplicaSnapshot(string Resource, string Name, int Replica, ResourceState State, Uri? Endpoint, int? ProcessId, int Restarts);
