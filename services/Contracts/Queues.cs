namespace Platform.Contracts;

/// <summary>
/// Each service's inbox on the shared transport. A queue has competing consumers, so one queue per
/// consuming service: every service that must see an event gets its own copy.
/// </summary>
public static class Queues
{
    public const string Keys = "keys";
    public const string Tokens = "tokens";
    public const string Agents = "agents";
    public const string Audit = "audit";
}
