using Alba;
using Xunit;

namespace Platform.Testing;

/// <summary>One in-process host of a service (<typeparamref name="TService"/> names its assembly) for a test class or collection.</summary>
public sealed class ServiceFixture<TService> : IAsyncLifetime where TService : class
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await ServiceHost.StartAsync<TService>();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
