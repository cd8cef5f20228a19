using System.Net;
using System.Text.RegularExpressions;

namespace Platform.Sdk.Client;

/// <summary>
/// A platform API answered with an error: the status, and the seed's <c>error</c> and <c>message</c>
/// (or RFC 6749's <c>error</c> and <c>error_description</c> from an OAuth endpoint).
/// </summary>
public class PlatformApiException(HttpStatusCode status, string error, string message)
    : Exception(SecretRedaction.Redact($"{(int)status} {error}: {message}"))
{
    /// <summary>The <see cref="Error"/> of an answer the SDK could not read: a success body of the wrong shape.</summary>
    public const string InvalidResponse = "Invalid Response";

    public HttpStatusCode StatusCode { get; } = status;

    /// <summary>The error name: "Not Found", "Conflict", or an OAuth code such as "invalid_client".</summary>
    public string Error { get; } = error;

    /// <summary>The service's explanation, with anything shaped like a platform secret redacted.</summary>
    public string ApiMessage { get; } = SecretRedaction.Redact(message);
}

/// <summary>409: the resource changed since the version sent as If-Match (or is in a state that refuses the command).</summary>
public sealed class PlatformConflictException(string error, string message)
    : PlatformApiException(HttpStatusCode.Conflict, error, message);

/// <summary>The SDK's settings are missing or malformed; thrown before any network call.</summary>
public sealed class PlatformConfigurationException(string message) : InvalidOperationException(message);

/// <summary>
/// Refreshing an agent credential was refused with 401: it, an ancestor or the API key it derives
/// from was revoked, expired or suspended. A new credential must be minted.
/// </summary>
public sealed class AgentCredentialRevokedException(string agentId, string reason)
    : Exception(SecretRedaction.Redact($"agent credential for '{agentId}' is no longer valid: {reason}"))
{
    public string AgentId { get; } = agentId;
}

/// <summary>Note: exception messages end up in logs, so nothing shaped like a platform secret survives in one.</summary>
internal static partial class SecretRedaction
{
    [GeneratedRegex(@"\b(sk_live_|sk_test_|agent_tok_|cs_|rt_|ac_)[A-Za-z0-9_]{6,}")]
    private static partial Regex Secret();

    public static string Redact(string text) => Secret().Replace(text, m => m.Groups[1].Value + "[redacted]");
}
