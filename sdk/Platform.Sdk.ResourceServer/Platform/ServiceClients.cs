namespace Platform.Sdk.ResourceServer.Platform;

// One named HttpClient per platform service, named after these types (what a test routes to an
// in-process host). The verifiers are singletons, so they create a client per call from the factory.
// The Keys service's client is KeysApiClient (its own file): <c>POST /api/keys/verify</c>, <c>GET /api/keys/changes</c>.


/// <summary>The Tokens service: discovery, JWKS, <c>GET /oauth/changes</c>.</summary>
public sealed class TokensApiClient;

/// <summary>The Agents service: <c>POST /api/agents/verify</c>, <c>GET /api/agents/changes</c>.</summary>
public sealed class AgentsApiClient;
