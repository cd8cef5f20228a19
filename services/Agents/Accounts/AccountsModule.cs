using Marten;

namespace Platform.Agents.Accounts;

public static class AccountsModule
{
    /// <summary>Follows each account's standing (Keys' signal and durable events): a suspended account's agent credentials stop.</summary>
    public static IHostApplicationBuilder AddAccountStandings(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options => options.Schema.For<AccountStanding>().UseOptimisticConcurrency(true));
        builder.Services.AddHostedService<AccountStandingSignals>();
        return builder;
    }
}
