using Alba;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>One Keys service host for the whole test collection.</summary>
public sealed class KeysFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await ServiceHost.StartAsync<KeysApi>();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(nameof(KeysCollection))]
public sealed class KeysCollection : ICollectionFixture<KeysFixture>;

/// <summary>Each test starts from empty Marten data.</summary>
[Collection(nameof(KeysCollection))]
public abstract class KeysContext(KeysFixture fixture) : IAsyncLifetime
{
    protected IAlbaHost Host => fixture.Host;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Host.ResetMartenDataAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
