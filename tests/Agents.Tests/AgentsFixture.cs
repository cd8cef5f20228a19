using Alba;
using Platform.Testing;

namespace Platform.Agents.Tests;

public sealed class AgentsFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await ServiceHost.StartAsync<AgentsApi>();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
