using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents;
using Platform.Audit;
using Platform.Keys;
using Platform.Keys.Accounts;
using Platform.Testing;
using Platform.Tokens;

namespace Platform.Sdk.Client.Tests;

/// <summary>Keys, Tokens, Agents and Audit in-process, each calling the others as in production, behind one routed origin.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly Uri Url = new("http://localhost/");

    public IAlbaHost Keys { get; private set; } = null!;
    public IAlbaHost Tokens { get; private set; } = null!;
    public IAlbaHost Agents { get; private set; } = null!;
    public IAlbaHost Audit { get; private set; } = null!;

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
        Audit = await ServiceHost.StartAsync<AuditApi>(web => web
            .UseSetting("Audit:Webhooks:AllowPrivateNetworks", "true")
            .UseSetting("Audit:Webhooks:MaxAttempts", "1")
            .ConfigureTestServices(s => s.RouteKeysVerifyTo(Keys)));
    }

    /// <summary>The gateway's route table in small: each path prefix to the host that serves it.</summary>
    public PlatformRouter Router() => new(
    [
        ("/api/keys", Keys), ("/api/accounts", Keys), ("/api/account", Keys), ("/.well-known", Tokens), ("/oauth", Tokens), ("/api/oauth", Tokens), ("/api/auth", Tokens),
        ("/api/clients", Tokens), ("/api/users", Tokens), ("/api/agents", Agents), ("/api/audit", Audit), ("/api/webhooks", Audit),
    ]);

    /// <summary>A fresh operator account (as the bootstrap makes) and its admin key (keys:manage, accounts:manage), usable at every service once this returns.</summary>
    public async Task<string> NewAccountAsync()
    {
        await using var session = Keys.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "sdk", DateTimeOffset.UtcNow, CancellationToken.None);
        await KeyVerifiesAsync(created.AdminKey.Secret);
        return created.AdminKey.Secret;
    }

    /// <summary>Keys' index learns of a new key by notification: wait until verify knows it.</summary>
    public async Task KeyVerifiesAsync(string secret, int status = 200) =>
        await Eventually.TrueAsync(async () =>
        {
            var result = await Keys.Scenario(s =>
            {
                s.Post.Json(new { key = secret }).ToUrl("/api/keys/verify");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode == status;
        });

    public async ValueTask DisposeAsync()
    {
        await Audit.DisposeAsync();
        await Agents.DisposeAsync();
        await Tokens.DisposeAsync();
        await Keys.DisposeAsync();
    }
}

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;

public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {seconds} s");
            await Task.Delay(20);
        }
    }
}
