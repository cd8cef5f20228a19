using Platform.Agents.Credentials;

namespace Platform.Agents.Access;

/// <summary>The <c>X-Agent-ID</c> header every use of an agent credential carries: the agent it was minted for.</summary>
public static class AgentHeader
{
    public const string Name = "X-Agent-ID";

    /// <summary>The agent id, or null when the header is missing, repeated or malformed.</summary>
    public static string? Read(HttpRequest request) =>
        request.Headers[Name] is { Count: 1 } values && values[0] is { } id && AgentRules.AgentId(id) is null ? id : null;
}
