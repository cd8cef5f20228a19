using Marten;
using Platform.Infrastructure.Changes;

namespace Platform.Agents.Verification;

public static class VerificationModule
{
    public static IHostApplicationBuilder AddCredentialVerification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CredentialIndex>();
        builder.Services.AddSingleton<CredentialLookup>();
        builder.Services.AddSingleton(typeof(Platform.Infrastructure.Changes.IndexFallback<>));
        builder.Services.AddSingleton<RequestBudget>();
        builder.Services.AddHostedService<CredentialIndexSync>();
        builder.Services.AddHealthChecks().AddCheck<CredentialIndexHealthCheck>("credential-index", tags: ["ready"]);
        builder.Services.ConfigureMarten((services, options) =>
        {
            options.Listeners.Add(new CredentialChangeNotifier());
            options.Listeners.Add(new AppliedOnCommit(services.GetRequiredService<CredentialIndex>()));
        });
        builder.Services.AddSingleton<Platform.Infrastructure.Changes.ChangeFeed>();
        builder.Services.AddHostedService<Platform.Agents.KeyAuthority.KeyAuthoritySignals>();
        return builder;
    }
}
