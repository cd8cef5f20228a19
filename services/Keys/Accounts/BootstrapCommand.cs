using JasperFx.CommandLine;
using Marten;

namespace Platform.Keys.Accounts;

public sealed class BootstrapInput : NetCoreInput
{
    [Description("Name of the first account: the operators'")]
    public string AccountFlag { get; set; } = "default";
}

/// <summary>
/// <c>dotnet Platform.Keys.dll bootstrap</c> on a real deployment: creates the first account (the operators') and its
/// admin key (keys:manage, accounts:manage) when there is no account yet, and prints the key once, on this terminal only.
/// </summary>
[Description("Create the first account and its admin key, once")]
public sealed class BootstrapCommand : JasperFxAsyncCommand<BootstrapInput>
{
    public override async Task<bool> Execute(BootstrapInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using (var query = store.QuerySession())
            if (await AccountBootstrap.AnyAccountAsync(query, CancellationToken.None))
            {
                Console.Error.WriteLine("bootstrap: an account already exists; nothing created");
                return false;
            }

        // Wolverine runs for the length of the command, so the account and its key are announced through the outbox
        // like any: Audit's histories start at version 1, and Audit and Tokens learn which account is the operators'.
        // Its HTTP side listens on a free loopback port only: the command serves nothing.
        if (host is WebApplication web)
        {
            web.Urls.Clear();
            web.Urls.Add("http://127.0.0.1:0");
        }
        await host.StartAsync();
        try
        {
            using var scope = host.Services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
            await using var session = host.Services.GetRequiredService<Wolverine.Marten.Publishing.OutboxedSessionFactory>().OpenSession(bus);
            var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), input.AccountFlag,
                host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None, bus);
            // Note: the one place the platform shows a key it created outside an API response: the operator's terminal.
            Console.WriteLine($"account {created.Account.Id} ({created.Account.Name})");
            Console.WriteLine($"operator admin key, keys:manage and accounts:manage (shown once): {created.AdminKey.Secret}");
            return true;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
