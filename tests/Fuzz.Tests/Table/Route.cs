namespace Platform.Fuzz.Tests.Table;

/// <summary>What a route authenticates with; the runner puts the matching header on every probe that does not change it.</summary>
public enum Credential { Anonymous, Admin, Key, AccessToken, Agent, ClientBasic }

public enum BodyKind { Empty, Json, Form }

/// <summary>The error shape a route documents: the seed's, RFC 6749's, or an HTML page for a person.</summary>
public enum Shape { Seed, OAuth, Html }

/// <summary>
/// One documented route. <paramref name="Path"/> may hold <c>{key}</c>, <c>{agent}</c>, <c>{client}</c>,
/// <c>{webhook}</c>; <paramref name="Example"/> a valid body with <c>$NAME</c> placeholders (see <see cref="Targets"/>).
/// <paramref name="Schema"/> is the service schema a refused request must leave untouched (null: the route writes nothing).
/// A <paramref name="Destructive"/> route gets fresh targets, so what it ends is nobody else's.
/// </summary>
public sealed record Route(string Method, string Path, Credential Credential, BodyKind Body, string? Example, Shape Shape,
    string? Schema, bool Destructive = false, string[]? Query = null)
{
    public string Name => $"{Method} {Path}";

    public bool HasId => Path.Contains('{');

    public override string ToString() => Name;
}
