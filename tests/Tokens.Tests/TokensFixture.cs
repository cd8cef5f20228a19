using Alba;
using Platform.Testing;

namespace Platform.Tokens.Tests;

public sealed class TokensFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await ServiceHost.StartAsync<TokensApi>();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
