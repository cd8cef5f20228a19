using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.Accounts;
using Platform.Testing;
using Platform.Tokens.Signing;
using Platform.Tokens.State;

namespace Platform.Tokens.Tests;

/// <summary>Each test starts from empty data in both services, with a fresh account, its admin key and a signing key.</summary>
[Collection(nameof(TokensCollection))]
public abstract class TokensContext(TokensFixture fixture) : IAsyncLifetime
{
    protected IAlbaHost Keys => fixture.Keys;

    protected IAlbaHost Tokens => fixture.Tokens;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected Guid AccountId { get; private set; }

    /// <summary>The account's admin key (admin scope: may manage clients and grant any scope).</summary>
    protected string Admin { get; private set; } = null!;

    protected OAuthClientApi Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Keys.ResetMartenDataAsync();
        await Tokens.ResetTokensDataAsync();
        (AccountId, Admin) = await CreateAccountAsync(Keys);
        await Tokens.ReloadAsync();
        Api = new OAuthClientApi(Tokens, Admin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static async Task<(Guid Account, string Admin)> CreateAccountAsync(IAlbaHost keys)
    {
        await using var session = keys.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "test", DateTimeOffset.UtcNow, CancellationToken.None);
        await keys.VerifyUntilAsync(created.AdminKey.Secret, 200);
        return (created.Account.Id, created.AdminKey.Secret);
    }
}

public static class TokensHostExtensions
{
    /// <summary>
    /// Everything but the Data Protection key ring: other hosts in this process (and the signing keys
    /// they wrap) keep working, as they would in production, where nobody wipes the ring.
    /// </summary>
    public static async Task ResetTokensDataAsync(this IAlbaHost tokens)
    {
        var store = tokens.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.Clean.DeleteAllEventDataAsync();
        Type[] documents =
        [
            typeof(Clients.OAuthClient), typeof(Signing.SigningKey), typeof(Refresh.RefreshFamily), typeof(Users.AccountUser),
            typeof(Authorize.AuthorizationCode), typeof(Authorize.Consent), typeof(Contracts.Keys.KeyStanding), typeof(Introspection.RevokedAccessToken),
            typeof(Accounts.AccountStanding),
        ];
        foreach (var type in documents) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type);
    }

    /// <summary>After a reset: a signing key again, and this replica's memory in step with the (empty) database.</summary>
    public static async Task ReloadAsync(this IAlbaHost tokens)
    {
        await tokens.Services.GetRequiredService<SigningKeyRotator>().RunOnceAsync(CancellationToken.None);
        await tokens.Services.GetRequiredService<StateSync>().LoadAllAsync(CancellationToken.None);
    }

    public static async Task VerifyUntilAsync(this IAlbaHost keys, string secret, int status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await keys.Scenario(s =>
            {
                s.Post.Json(new { key = secret }).ToUrl("/api/keys/verify");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode == status) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"verify did not answer {status} within 10 s");
            await Task.Delay(10);
        }
    }
}
