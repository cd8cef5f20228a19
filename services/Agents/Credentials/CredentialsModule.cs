using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Platform.Agents.Access;
using Platform.Agents.KeyAuthority;
using Platform.Agents.Parents;
using Platform.Contracts;
using Platform.Contracts.Agents;
using Platform.Contracts.Keys;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Http;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace Platform.Agents.Credentials;

public static class CredentialsModule
{
    public static IHostApplicationBuilder AddAgentCredentials(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<AgentsOptions>(builder.Configuration.GetSection(AgentsOptions.Section));

        // Parents: API keys, verified by Keys (no retries: see AddServiceClient), and access tokens signed by Tokens.
        builder.Services.AddKeysApiClient();
        builder.Services.AddServiceClient(nameof(KeyReader), KeyReader.ServiceName);
        builder.Services.AddSingleton<KeyReader>();
        builder.Services.AddSingleton<ManagedKeyParents>();
        builder.Services.AddSingleton<IParentResolver, ApiKeyParents>();
        builder.Services.AddAccessTokensFromJwks();
        builder.Services.AddSingleton<IParentResolver, AccessTokenParents>();
        builder.Services.AddSingleton<ParentResolvers>();
        builder.AddManagementAccess();

        builder.Services.ConfigureMarten(options =>
        {
            // Inline: a caller reads its own write (GET right after mint) from the snapshot.
            options.Projections.Snapshot<AgentCredential>(SnapshotLifecycle.Inline)
                .Index(c => c.SecretHash, index => index.IsUnique = true)
                .Index(c => c.KeyId)
                .Index(c => c.AccountId);
            options.Schema.For<KeyStanding>().UseOptimisticConcurrency(true);
        });
        builder.Services.ConfigureWolverine(options =>
        {
            options.Publish(rule => rule.MessagesImplementing<IAgentCredentialEvent>().ToPostgresqlQueue(Queues.Audit));
            // Two events about one key, or a cascade racing an expiry: the loser re-reads and decides again.
            options.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        });
        return builder;
    }
}
