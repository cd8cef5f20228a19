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
        await using var session = store.LightweightSession();
        if (await AccountBootstrap.AnyAccountAsync(session, CancellationToken.None))
        {
            Console.Error.WriteLine("bootstrap: an account already exists; nothing created");
            return false;
        }
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), input.AccountFlag,
            host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        // Note: the one place the platform shows a key it created outside an API response: the operator's terminal.
        Console.WriteLine($"account {created.Account.Id} ({created.Account.Name})");
        Console.WriteLine($"operator admin key, keys:manage and accounts:manage (shown once): {created.AdminKey.Secret}");
        return true;
    }
}
