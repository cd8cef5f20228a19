using Marten;

namespace Platform.Keys.Accounts;

public static class AccountsModule
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options => options.Schema.For<Account>());
        builder.Services.AddHostedService<DevelopmentBootstrap>();
        return builder;
    }
}
