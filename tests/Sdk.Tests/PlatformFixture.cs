using Microsoft.AspNetCore.Hosting;
using Alba;
using Marten;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Agents;
using Platform.Keys;
using Platform.Keys.Accounts;
using Platform.Samples.SampleApi;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.Feeds;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Testing;
using Platform.Tokens;

namespace Platform.Sdk.Tests;

/// <summary>
/// Real Keys, Tokens and Agents hosts on the test database, and the sample API whose platform clients
/// are routed to them, with its own admin key so its revocation feeds are on. Cached acceptances live
/// for <see cref="CacheTtl"/>: a refusal seen within seconds can only come from a feed event.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(10);

    public IAlbaHost Keys { get; private set; } = null!;
    public IAlbaHost Tokens { get; private set; } = null!;
    public IAlbaHost Agents { get; private set; } = null!;
    public IAlbaHost Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Keys = await ServiceHost.StartAsync<KeysApi>();
        Tokens = await ServiceHost.StartAsync<TokensApi>(web => web.ConfigureTestServices(s => s.RouteKeysVerifyTo(Keys)));
        Agents = await ServiceHost.StartAsync<AgentsApi>(web => web.ConfigureTestServices(s =>
        {
            s.RouteKeysVerifyTo(Keys);
            s.RouteServiceClientTo<Platform.Agents.Parents.KeyReader>(Keys);
            s.FetchSigningKeysFrom(Tokens);
        }));
        (_, OperatorKey) = await CreateAccountAsync();
        Api = await StartApiAsync(OperatorKey);
        await Poll.UntilAsync(() => Task.FromResult(FeedsOf(Api).All(f => f.IsLive)));
    }

    /// <summary>The sample API's own key (keys:manage), which its feeds subscribe with.</summary>
    public string OperatorKey { get; private set; } = null!;

    public static IEnumerable<RevocationFeed> FeedsOf(IAlbaHost api) =>
        [api.Services.GetRequiredService<KeysFeed>(), api.Services.GetRequiredService<AgentsFeed>(), api.Services.GetRequiredService<TokensFeed>()];

    public Task<IAlbaHost> StartApiAsync(string? apiKey, TimeSpan? requestTimeout = null, string? resource = null, ILoggerProvider? logs = null) => ServiceHost.StartAsync<SampleApiHost>(web =>
    {
        if (logs is not null) web.ConfigureLogging(logging => logging.AddProvider(logs));
        if (resource is not null) web.UseSetting("Platform:Resource", resource);
        web.ConfigureTestServices(s => Wire(s, apiKey, requestTimeout));
    });

    /// <summary>The sample MCP server, resource <c>http://localhost/mcp</c>, wired as the sample API.</summary>
    public Task<IAlbaHost> StartMcpServerAsync(ILoggerProvider? logs = null) => ServiceHost.StartAsync<Platform.Samples.McpServer.McpServerHost>(web =>
    {
        if (logs is not null) web.ConfigureLogging(logging => logging.AddProvider(logs));
        web.UseSetting("Platform:Resource", "http://localhost/mcp");
        web.ConfigureTestServices(s => Wire(s, OperatorKey, null));
    });

    private void Wire(IServiceCollection s, string? apiKey, TimeSpan? requestTimeout)
    {
        s.RouteServiceClientTo<KeysApiClient>(Keys);
        s.RouteServiceClientTo<TokensApiClient>(Tokens);
        s.RouteServiceClientTo<AgentsApiClient>(Agents);
        s.Configure<PlatformAuthenticationOptions>(o =>
        {
            o.PlatformUrl = "http://localhost";
            o.ApiKey = apiKey;
            o.CacheTtl = CacheTtl;
            o.ClockSkew = TimeSpan.Zero;
            if (requestTimeout is { } timeout) o.RequestTimeout = timeout;
        });
    }

    /// <summary>A new account and its admin key, once Keys' index has it.</summary>
    public async Task<(Guid Account, string Admin)> CreateAccountAsync()
    {
        await using var session = Keys.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "sdk-test", DateTimeOffset.UtcNow, CancellationToken.None);
        await Poll.UntilAsync(async () => (await Keys.SendAsync(s => s.Post.Json(new { key = created.AdminKey.Secret }).ToUrl("/api/keys/verify"))).Status == 200);
        return (created.Account.Id, created.AdminKey.Secret);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Agents.DisposeAsync();
        await Tokens.DisposeAsync();
        await Keys.DisposeAsync();
    }
}

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;
