using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Contracts;
using Platform.Contracts.Keys;
using Platform.Contracts.Tokens;
using Platform.Infrastructure.Changes;
using Platform.Infrastructure.Persistence;
using Platform.Tokens.Access;
using Platform.Tokens.Accounts;
using Platform.Tokens.Authorize;
using Platform.Tokens.Clients;
using Platform.Tokens.Grants;
using Platform.Tokens.Introspection;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.Signing;
using Platform.Tokens.State;
using Platform.Tokens.Users;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

using Platform.Tokens.Registration;

namespace Platform.Tokens;

public static class TokensModule
{
    public static IHostApplicationBuilder AddAuthorizationServer(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TokensOptions>(builder.Configuration.GetSection("Tokens"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformDataProtection("platform-tokens");
        builder.AddManagementAccess();
        builder.AddLoginCookie();
        builder.Services.ConfigureMarten(options =>
        {
            // Inline: a caller reads its own write, and the state listener reloads committed snapshots.
            options.Projections.Snapshot<SigningKey>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<OAuthClient>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<RefreshFamily>(SnapshotLifecycle.Inline);
            // A person's sign-ins are read by subject (Refresh/SignIns.cs): their sessions, and ending them all at once.
            options.Schema.For<RefreshFamily>().Index(f => f.Subject);
            // Optimistic: a failed login's count written over a removal or a password change fails instead of undoing it.
            options.Schema.For<AccountUser>().UniqueIndex(u => u.Email).UseOptimisticConcurrency(true);
            options.Schema.For<AuthorizationCode>().UseOptimisticConcurrency(true);
            // Optimistic: two events of one key handled at once, the loser re-reads and decides again (KeyStandingHandler).
            options.Schema.For<KeyStanding>().UseOptimisticConcurrency(true);
            options.Schema.For<RevokedAccessToken>();
            options.Schema.For<AccountStanding>().UseOptimisticConcurrency(true);
            options.Schema.For<Consent>();
            options.Listeners.Add(new StateChangeNotifier());
        });
        builder.Services.ConfigureWolverine(options =>
        {
            options.Publish(rule => rule.MessagesFromNamespaceContaining<ClientRegistered>().ToPostgresqlQueue(Queues.Audit));
            // Agent credentials minted from a sign-in's access tokens end with it (Agents cascades).
            options.Publish(rule => rule.Message<RefreshFamilyRevoked>().ToPostgresqlQueue(Queues.Agents));
            // Two events of one account handled at once: the loser re-reads and decides again (AccountStandingHandler).
            options.OnException<JasperFx.ConcurrencyException>().Or<JasperFx.DocumentAlreadyExistsException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        });

        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<ClientIndex>();
        builder.Services.AddSingleton<IndexFallback<OAuthClient>>();
        builder.Services.AddSingleton<ClientLookup>();
        builder.Services.AddSingleton<Denylist>();
        builder.Services.AddSingleton<IssuerUri>();
        builder.Services.AddSingleton<IssuanceMeter>();
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddSingleton<AccessTokenValidator>();
        builder.Services.AddSingleton<GrantContext>();
        // The sign-in pages (Authorize/Views) are Razor components rendered on the server, one at a time, without interactivity.
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<IPasswordHasher<AccountUser>, PasswordHasher<AccountUser>>();
        builder.Services.AddSingleton<PasswordTicket>();
        builder.Services.AddSingleton<SigningKeyRotator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SigningKeyRotator>());
        builder.Services.AddSingleton<StateSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StateSync>());
        builder.Services.AddSingleton<DashboardClientSeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardClientSeed>());
        builder.Services.AddRegistrationRateLimit();
        builder.Services.AddTokenChangeFeed();
        builder.Services.AddHostedService<KeyAuthoritySignals>();
        builder.Services.AddHostedService<AccountStandingSignals>();
        builder.Services.AddSingleton<Housekeeping>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Housekeeping>());
        builder.Services.AddHealthChecks().AddCheck<TokensReadyCheck>("tokens-state", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Not ready until clients and denylists are loaded and a signing key is active: a replica must not refuse valid clients.</summary>
public sealed class TokensReadyCheck(StateSync state, SigningKeyRing ring, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) => Task.FromResult(
        !state.IsLoaded ? HealthCheckResult.Unhealthy("token state is loading")
        : ring.Current(clock.GetUtcNow()) is null ? HealthCheckResult.Unhealthy("no signing key is active yet")
        : HealthCheckResult.Healthy());
}
