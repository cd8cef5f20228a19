using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.Accounts;
using Platform.Testing;

namespace Platform.Keys.Tests;

[CollectionDefinition(nameof(KeysCollection))]
public sealed class KeysCollection : ICollectionFixture<ServiceFixture<KeysApi>>;

/// <summary>Each test starts from empty Marten data, with a fresh account and its admin key.</summary>
[Collection(nameof(KeysCollection))]
public abstract class KeysContext(ServiceFixture<KeysApi> fixture) : IAsyncLifetime
{
    protected IAlbaHost Host => fixture.Host;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The admin key (keys:manage) of <see cref="AccountId"/>.</summary>
    protected string Admin { get; private set; } = null!;

    protected Guid AccountId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await Host.ResetMartenDataAsync();
        (AccountId, Admin) = await Host.CreateAccountAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public static class Accounts
{
    /// <summary>A new account and its admin key, usable once the host's key index has it.</summary>
    public static async Task<(Guid Account, string Admin)> CreateAccountAsync(this IAlbaHost host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "test", DateTimeOffset.UtcNow, CancellationToken.None);
        await host.VerifyUntilAsync(created.AdminKey.Secret, 200, TimeSpan.FromSeconds(10));
        return (created.Account.Id, created.AdminKey.Secret);
    }
}
