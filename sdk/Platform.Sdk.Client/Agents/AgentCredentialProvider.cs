using System.Net;
using Microsoft.Extensions.Configuration;
using Platform.Sdk.Client.Tokens;
using Platform.Secrets;

namespace Platform.Sdk.Client.Agents;

/// <summary>
/// Keeps an agent's credential alive at run time: refreshes it through <c>POST /api/agents/refresh</c>
/// before it expires (one refresh in flight however many callers), and hands the current secret to
/// <see cref="AgentCredentialHandler"/>. When the platform refuses the refresh with 401 (the credential,
/// an ancestor or its API key was revoked, expired or suspended) every later call fails with
/// <see cref="AgentCredentialRevokedException"/>: a new credential must be minted.
/// </summary>
public sealed class AgentCredentialProvider
{
    private readonly AgentsClient _agents;
    private readonly SingleFlightSecret _secret;

    /// <param name="platform">An HttpClient whose BaseAddress is the platform's URL (refresh sets its own Authorization).</param>
    /// <param name="expiresAt">The credential's expiry as minted; null refreshes at first use.</param>
    public AgentCredentialProvider(HttpClient platform, string agentId, string token, DateTimeOffset? expiresAt = null,
        TimeProvider? time = null, TimeSpan? refreshBeforeExpiry = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (platform.BaseAddress is null) throw new PlatformConfigurationException("the HttpClient needs a BaseAddress: the platform's URL");
        if (string.IsNullOrWhiteSpace(agentId)) throw new PlatformConfigurationException("an agent id is required");
        if (!SecretFormat.IsWellFormed(token, SecretFormat.AgentTokenPrefix))
            throw new PlatformConfigurationException("the agent credential is not well-formed: expected agent_tok_, 32 base62 characters and a 6-character checksum");
        AgentId = agentId;
        _agents = new AgentsClient(new ApiTransport(platform));
        _secret = new SingleFlightSecret(RefreshAsync, time ?? TimeProvider.System, refreshBeforeExpiry ?? TimeSpan.FromSeconds(60),
            e => e is AgentCredentialRevokedException);
        _secret.Seed(token, expiresAt);
    }

    /// <summary>From the mint (or restrict) answer.</summary>
    public static AgentCredentialProvider For(HttpClient platform, MintedCredential minted, TimeProvider? time = null, TimeSpan? refreshBeforeExpiry = null) =>
        new(platform, minted.AgentId, minted.Token, minted.ExpiresAt, time, refreshBeforeExpiry);

    /// <summary>From <c>Platform:AgentId</c> and <c>Platform:AgentToken</c> (or <c>PLATFORM_AGENT_ID</c>, <c>PLATFORM_AGENT_TOKEN</c>).</summary>
    public static AgentCredentialProvider From(HttpClient platform, IConfiguration configuration, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var section = configuration.GetSection(PlatformOptions.Section);
        string Read(string key, string variable) =>
            (section[key] is { Length: > 0 } v ? v : environment(variable)) is { Length: > 0 } value ? value.Trim()
            : throw new PlatformConfigurationException($"{PlatformOptions.Section}:{key} ({variable}) is not set");
        return new(platform, Read("AgentId", "PLATFORM_AGENT_ID"), Read("AgentToken", "PLATFORM_AGENT_TOKEN"), null, time);
    }

    public string AgentId { get; }

    /// <summary>The current credential's expiry (null until known).</summary>
    public DateTimeOffset? ExpiresAt => _secret.ExpiresAt is { } e && e != DateTimeOffset.MinValue ? e : null;

    /// <summary>The live secret, refreshed first when it is within the lead of its expiry.</summary>
    public ValueTask<string> GetTokenAsync(CancellationToken ct = default) => _secret.GetAsync(ct);

    /// <summary>A downstream API refused <paramref name="token"/>: the next caller refreshes.</summary>
    public void Invalidate(string token) => _secret.Invalidate(token);

    public AgentCredentialHandler CreateHandler() => new(this);

    private async Task<(string, DateTimeOffset)> RefreshAsync(string? current)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var refreshed = await _agents.RefreshAsync(current!, AgentId, ct: CancellationToken.None);
                return (refreshed.Token, refreshed.ExpiresAt);
            }
            catch (PlatformApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                // A replica learns of a just-refreshed secret by notification, milliseconds later:
                // one refusal right after a refresh is not yet proof of revocation; two are.
                if (attempt >= 2) throw new AgentCredentialRevokedException(AgentId, e.ApiMessage);
                await Task.Delay(SecondOpinionDelay);
            }
        }
    }

    private static readonly TimeSpan SecondOpinionDelay = TimeSpan.FromMilliseconds(250);
}
