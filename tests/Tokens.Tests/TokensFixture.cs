using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Platform.Tokens.Access;

namespace Platform.Tokens.Tests;

/// <summary>A real Keys service and a Tokens service whose calls to Keys cross Keys' whole HTTP pipeline.</summary>
public sealed class TokensFixture : IAsyncLifetime
{
    public const string Issuer = "https://auth.platform.test";
    public const string McpServer = "https://mcp.platform.test/mcp";
    public const string OtherMcpServer = "https://other.platform.test/mcp";

    public IAlbaHost Keys { get; private set; } = null!;

    public IAlbaHost Tokens { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Keys = await ServiceHost.StartAsync<Platform.Keys.KeysApi>();
        Tokens = await StartTokensAsync(Keys);
    }

    public static Task<IAlbaHost> StartTokensAsync(IAlbaHost keys, Action<IWebHostBuilder>? configure = null) =>
        ServiceHost.StartAsync<TokensApi>(builder =>
        {
            builder.UseSetting("Tokens:Issuer", Issuer);
            builder.UseSetting("Tokens:Resources:0", McpServer);
            builder.UseSetting("Tokens:Resources:1", OtherMcpServer);
            // Every in-process request comes from no address: one shared window for the whole run.
            builder.UseSetting("Tokens:Registration:PerMinute", "10000");
            builder.ConfigureTestServices(services => services.RouteKeysVerifyTo(keys));
            configure?.Invoke(builder);
        });

    public async ValueTask DisposeAsync()
    {
        await Tokens.DisposeAsync();
        await Keys.DisposeAsync();
    }
}

[CollectionDefinition(nameof(TokensCollection))]
public sealed class TokensCollection : ICollectionFixture<TokensFixture>;
