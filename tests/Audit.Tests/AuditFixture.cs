using Alba;
using Platform.Keys;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>The Audit service and, as the producer of what it records, the Keys service: two hosts, one database.</summary>
public sealed class AuditFixture : IAsyncLifetime
{
    public IAlbaHost Audit { get; private set; } = null!;
    public IAlbaHost Keys { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Audit = await ServiceHost.StartAsync<AuditApi>();
        Keys = await ServiceHost.StartAsync<KeysApi>();
    }

    public async ValueTask DisposeAsync()
    {
        await Keys.DisposeAsync();
        await Audit.DisposeAsync();
    }
}

[CollectionDefinition(nameof(AuditCollection))]
public sealed class AuditCollection : ICollectionFixture<AuditFixture>;

[Collection(nameof(AuditCollection))]
public abstract class AuditContext(AuditFixture fixture) : IAsyncLifetime
{
    protected IAlbaHost Audit => fixture.Audit;
    protected IAlbaHost Keys => fixture.Keys;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Audit.ResetMartenDataAsync();
        await Keys.ResetMartenDataAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
