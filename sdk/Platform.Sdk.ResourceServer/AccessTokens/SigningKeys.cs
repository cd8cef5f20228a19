using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.Configuration;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect.Configuration;
using Microsoft.IdentityModel.Tokens;
using Platform.Sdk.ResourceServer.Platform;

namespace Platform.Sdk.ResourceServer.AccessTokens;

/// <summary>
/// Tokens' issuer and published signing keys: IdentityModel's <see cref="ConfigurationManager{T}"/> over Tokens'
/// discovery (<c>/.well-known/oauth-authorization-server</c>) and its <c>jwks_uri</c>, refreshed in the background after
/// <see cref="PlatformAuthenticationOptions.JwksRefreshInterval"/>. The one JWKS cache of the solution: resource servers
/// and the platform's own services check access tokens with it.
/// </summary>
/// <remarks>
/// Two things are added to the manager. A token naming a <c>kid</c> not yet seen asks for a refresh and waits for it
/// (briefly), at most every <see cref="UnknownKidPause"/>, so forged kids cannot make us hammer Tokens; the manager alone
/// would refresh in the background and refuse the request that asked. And while no fetch has ever succeeded, a failed
/// one is not tried again for a second: the manager would try on every call, each waiting for the one before.
/// </remarks>
public sealed class SigningKeys : IDisposable
{
    public static readonly TimeSpan UnknownKidPause = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryWhileUnknown = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(2);
    private const string DiscoveryPath = "/.well-known/oauth-authorization-server";

    public sealed record Ring(string Issuer, IReadOnlyList<JsonWebKey> Keys)
    {
        public bool Has(string? kid) => Keys.Any(k => k.Kid == kid);
    }

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly Refreshes _refreshes = new();
    // Real time, as the manager keeps it: a test's clock moved by hours must not decide when Tokens is asked again.
    private static readonly TimeProvider Clock = TimeProvider.System;
    private readonly ILogger<SigningKeys> _logger;
    private volatile Ring? _ring;
    private OpenIdConnectConfiguration? _ringOf;
    private long _lastUnknownKidRefresh = long.MinValue / 2, _lastFailure = long.MinValue / 2;

    public SigningKeys(IHttpClientFactory http, IOptions<PlatformAuthenticationOptions> options, ILogger<SigningKeys> logger)
    {
        _logger = logger;
        var documents = new TokensDocuments(http, options.Value.RequestTimeout, _refreshes);
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(DiscoveryPath, new OpenIdConnectConfigurationRetriever(), documents,
            new OpenIdConnectConfigurationValidator(), new LastKnownGoodConfigurationCacheOptions(), _refreshes)
        {
            AutomaticRefreshInterval = Max(options.Value.JwksRefreshInterval, BaseConfigurationManager.MinimumAutomaticRefreshInterval),
            // Our own pause below decides when a refresh is asked for; the manager's must not drop the request.
            RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval,
        };
    }

    /// <summary>The current ring, refreshed first when it lacks <paramref name="kid"/>; null while Tokens has never answered.</summary>
    public async Task<Ring?> ForAsync(string? kid, CancellationToken ct)
    {
        var ring = await CurrentAsync(ct);
        if (ring is null || kid is null || ring.Has(kid) || !Due(ref _lastUnknownKidRefresh, UnknownKidPause)) return ring;

        var (asked, failures) = (_ringOf, _refreshes.Failures);
        _manager.RequestRefresh();
        await SettledAsync(asked, failures, ct);
        return await CurrentAsync(ct);
    }

    /// <summary>
    /// Until the refresh asked for has landed or failed, at most <see cref="RefreshWait"/>; then the keys we have stand
    /// and the background refresh lands when it can. A pulse of an earlier fetch may come first, so look each time.
    /// </summary>
    private async Task SettledAsync(OpenIdConnectConfiguration? asked, int failures, CancellationToken ct)
    {
        var started = Clock.GetTimestamp();
        while (true)
        {
            var settled = _refreshes.Next;
            await CurrentAsync(ct); // takes up what the manager holds now
            var left = RefreshWait - Clock.GetElapsedTime(started);
            if (!ReferenceEquals(_ringOf, asked) || _refreshes.Failures != failures || left <= TimeSpan.Zero) return;
            try
            {
                await settled.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private async Task<Ring?> CurrentAsync(CancellationToken ct)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            if (_ring is null && !Due(ref _lastFailure, RetryWhileUnknown, claim: false)) return null;
            configuration = await _manager.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException e)
        {
            Interlocked.Exchange(ref _lastFailure, Clock.GetTimestamp());
            _logger.LogWarning("Could not fetch the platform's signing keys: {Reason}", e.InnerException?.Message ?? e.Message);
            return null;
        }
        if (ReferenceEquals(configuration, _ringOf)) return _ring;
        // A new configuration: read its keys once, not per request.
        var ring = new Ring(configuration.Issuer ?? "", [.. configuration.JsonWebKeySet?.Keys ?? []]);
        (_ring, _ringOf) = (ring, configuration);
        return ring;
    }

    /// <summary>True when <paramref name="pause"/> has passed since <paramref name="last"/>; claims the slot unless told not to.</summary>
    private bool Due(ref long last, TimeSpan pause, bool claim = true)
    {
        var seen = Interlocked.Read(ref last);
        var now = Clock.GetTimestamp();
        if (Clock.GetElapsedTime(seen, now) < pause) return false;
        return !claim || Interlocked.CompareExchange(ref last, now, seen) == seen;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public void Dispose() => _refreshes.Dispose();

    /// <summary>Completes <see cref="Next"/> each time the manager has taken a new configuration, or a fetch has failed.</summary>
    private sealed class Refreshes : IConfigurationEventHandler<OpenIdConnectConfiguration>, IDisposable
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failures;

        public Task Next => Volatile.Read(ref _next).Task;

        public int Failures => Volatile.Read(ref _failures);

        public Task<ConfigurationEventHandlerResult<OpenIdConnectConfiguration>> BeforeRetrieveAsync(string metadataAddress, CancellationToken cancellationToken) =>
            Task.FromResult(ConfigurationEventHandlerResult<OpenIdConnectConfiguration>.NoResult);

        public Task AfterUpdateAsync(string metadataAddress, OpenIdConnectConfiguration configuration, CancellationToken cancellationToken)
        {
            Pulse();
            return Task.CompletedTask;
        }

        public void Failed()
        {
            Interlocked.Increment(ref _failures);
            Pulse();
        }

        private void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public void Dispose() => Volatile.Read(ref _next).TrySetCanceled();
    }

    /// <summary>
    /// Fetches discovery and the JWKS through the Tokens client (its address, its handlers). A <c>jwks_uri</c> names the
    /// public origin, which a service inside the cluster may not reach: only its path is taken, from where discovery came.
    /// </summary>
    private sealed class TokensDocuments(IHttpClientFactory http, TimeSpan timeout, Refreshes refreshes) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            var path = Uri.TryCreate(address, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : address;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(timeout);
            try
            {
                return await http.CreateClient(nameof(TokensApiClient)).GetStringAsync(path, limit.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                refreshes.Failed(); // nobody waits out a refresh that has already failed
                // The manager wraps what we throw; IOException is what it documents for a failed retrieval.
                throw new IOException($"Tokens did not answer {path}: {e.Message}", e);
            }
        }
    }
}
