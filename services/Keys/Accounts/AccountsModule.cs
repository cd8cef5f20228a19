using JasperFx.Events.Projections;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Accounts;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace Platform.Keys.Accounts;

public static class AccountsModule
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options =>
        {
            // Inline: an operator reads its own write, and the operator check reads the caller's account as it is.
            options.Projections.Snapshot<Account>(SnapshotLifecycle.Inline);
            options.Listeners.Add(new AccountStandingNotifier());
        });
        builder.Services.ConfigureWolverine(options =>
        {
            options.Publish(rule => rule.MessagesImplementing<IAccountEvent>().ToPostgresqlQueue(Queues.Audit));
            // Tokens and Agents refuse a suspended account's tokens and agent credentials, and keep operator accounts apart.
            options.Publish(rule => rule.MessagesImplementing<IAccountEvent>().ToPostgresqlQueue(Queues.Tokens));
            options.Publish(rule => rule.MessagesImplementing<IAccountEvent>().ToPostgresqlQueue(Queues.Agents));
            // Two handlers writing one stream at once (a suspension's sweep and a key command, two sweeps, an expiry
            // and a revocation): the loser runs again, reads the stream again and decides again (often: nothing to do).
            options.OnException<JasperFx.ConcurrencyException>().Or<JasperFx.Events.EventStreamUnexpectedMaxEventIdException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        });
        builder.Services.AddHostedService<DevelopmentBootstrap>();
        return builder;
    }
}
