using Alba;
using Platform.Testing;

namespace Platform.Keys.Tests;

[CollectionDefinition(nameof(KeysCollection))]
public sealed class KeysCollection : ICollectionFixture<ServiceFixture<KeysApi>>;

/// <summary>Each test starts from empty Marten data.</summary>
[Collection(nameof(KeysCollection))]
public abstract class KeysContext(ServiceFixture<KeysApi> fixture) : IAsyncLifetime
{
    protected IAlbaHost Host => fixture.Host;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Host.ResetMartenDataAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
