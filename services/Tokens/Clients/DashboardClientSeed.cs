using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Clients;

/// <summary>
/// Seeds the platform's dashboard from <c>Tokens:Dashboard</c> at startup: a first-party public client
/// (PKCE, no secret) under a fixed id, so every replica and every restart means the same stream. When
/// the configured redirect URIs or scopes change (the gateway moved), the client follows.
/// </summary>
public sealed class DashboardClientSeed(IDocumentStore store, IOptions<TokensOptions> options, TimeProvider clock, ILogger<DashboardClientSeed> logger) : IHostedService
{
    public const string Actor = "system:dashboard";

    // Note: in StartAsync, as Keys' development bootstrap: the replica is healthy only once the client exists.
    public Task StartAsync(CancellationToken ct) => SeedAsync(ct);

    public async Task SeedAsync(CancellationToken ct)
    {
        var settings = options.Value.Dashboard;
        if (settings.RedirectUris.Count == 0) return;
        if (Problem(settings) is { } problem)
        {
            logger.LogWarning("The dashboard client is not seeded: {Problem}", problem);
            return;
        }
        await using var session = store.LightweightSession();
        var existing = await session.Events.FetchLatest<OAuthClient>(settings.ClientId, ct);
        switch (Decide(existing, settings, clock.GetUtcNow()))
        {
            case OAuthClientRegistered registered:
                session.Events.StartStream<OAuthClient>(registered.ClientId, registered);
                break;
            case OAuthClientReconfigured reconfigured:
                session.Events.Append(reconfigured.ClientId, existing!.Version + 1, reconfigured);
                break;
            default:
                return;
        }
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ExistingStreamIdCollisionException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException or JasperFx.ConcurrencyException)
        {
            // Another replica seeded (or updated) it first, from the same configuration.
        }
    }

    /// <summary>The pure decision: register, follow the configuration, or nothing.</summary>
    public static object? Decide(OAuthClient? existing, DashboardOptions settings, DateTimeOffset now)
    {
        string[] redirects = [.. settings.RedirectUris.Distinct()], scopes = [.. settings.Scopes.Distinct()];
        if (existing is null)
            return new OAuthClientRegistered(settings.ClientId, Guid.Empty, settings.Name, ClientType.Public, redirects, scopes,
                [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken], null, Actor, now, FirstParty: true);
        return existing.RedirectUris.SequenceEqual(redirects) && existing.Scopes.SequenceEqual(scopes)
            ? null
            : new OAuthClientReconfigured(existing.Id, redirects, scopes, Actor, now);
    }

    private static string? Problem(DashboardOptions settings) =>
        settings.RedirectUris.Select(ClientRules.RedirectUri).FirstOrDefault(p => p is not null) ?? ClientRules.Scopes(settings.Scopes);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
