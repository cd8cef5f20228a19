namespace Platform.Sdk.ResourceServer.Platform;

/// <summary>
/// Keys' <c>POST /api/keys/verify</c>, the platform's one client of it: resource servers reach it through
/// <see cref="Credentials.ApiKeyVerifier"/>, and Tokens, Agents and Audit call it for the API keys they accept.
/// Also names the HttpClient for the Keys service (<c>GET /api/keys/changes</c> is read with it too).
/// </summary>
/// <remarks>A singleton: it takes a client from the factory per call, as the factory means clients to be used.</remarks>
public sealed class KeysApiClient(IHttpClientFactory http)
{
    /// <summary>
    /// The key and what it may do, or Keys' refusal passed on (401, 403, 429 with Retry-After), or a 503
    /// when Keys cannot answer. Keys counts the call against the key's rate limit and usage.
    /// </summary>
    /// <remarks>The key travels in the body, never in a URL or a header a request log could show.</remarks>
    public Task<(VerifiedKey? Key, Refusal? Refusal)> VerifyAsync(string secret, IReadOnlyList<string> scopes, string? clientIp, CancellationToken ct) =>
        PlatformCall.PostAsync<VerifiedKey>(http.CreateClient(nameof(KeysApiClient)), "/api/keys/verify", new VerifyRequest(secret, [.. scopes], clientIp), null, "API key", ct);
}
