using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.TestHost;
using Platform.Agents.Parents;
using Platform.Keys;
using Platform.Testing;
using Platform.Tokens;

namespace Platform.Agents.Tests;

/// <summary>Keys, Tokens and Agents, each calling the others as in production: Tokens asks Keys, Agents fetches Tokens' JWKS.</summary>
public sealed class ThreeServicesFixture : IAsyncLifetime
{
    public IAlbaHost Keys { get; private set; } = null!;
    public IAlbaHost Tokens { get; private set; } = null!;
    public IAlbaHost Agents { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Keys = await ServiceHost.StartAsync<KeysApi>();
        Tokens = await ServiceHost.StartAsync<TokensApi>(web => web.ConfigureTestServices(s => s.RouteKeysVerifyTo(Keys)));
        Agents = await ServiceHost.StartAsync<AgentsApi>(web => web.ConfigureTestServices(s =>
        {
            s.RouteKeysVerifyTo(Keys);
            s.RouteServiceClientTo<KeyReader>(Keys);
            s.FetchSigningKeysFrom(Tokens);
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await Agents.DisposeAsync();
        await Tokens.DisposeAsync();
        await Keys.DisposeAsync();
    }
}

[CollectionDefinition(nameof(ThreeServicesCollection))]
public sealed class ThreeServicesCollection : ICollectionFixture<ThreeServicesFixture>;

[Collection(nameof(ThreeServicesCollection))]
public class AccessTokenParentTests(ThreeServicesFixture services)
{
    private IAlbaHost Agents => services.Agents;

    private async Task<(string Admin, string Token, Guid KeyId)> ExchangedTokenAsync(params string[] scopes)
    {
        var (_, admin) = await services.Keys.CreateAccountAsync();
        var key = await services.Keys.IssueKeyAsync(admin, scopes.Length == 0 ? ["insights:read", "plans:read"] : scopes);
        var (status, body) = await services.Tokens.SendAsync(s => s.Post.Json(new { apiKey = key.Secret }).ToUrl("/api/auth/v1/token"));
        status.ShouldBe(200, body);
        return (admin, Json.Parse(body).GetProperty("accessToken").GetString()!, key.Id);
    }

    [Fact]
    public async Task an_access_token_exchanged_for_a_key_mints_a_credential_within_the_tokens_scopes_and_lifetime()
    {
        var (_, token, keyId) = await ExchangedTokenAsync();

        var minted = await Agents.MintAsync(token, Requests.AMint("report-writer", "plans:read"));

        minted.Scopes.ShouldBe(["plans:read"]);
        minted.ExpiresAt.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.AddHours(1).AddSeconds(5));
        var (_, view) = await Agents.VerifyAsync(minted.Token, "report-writer", ["plans:read"]);
        view.ShouldContain(keyId.ToString());
    }

    [Fact]
    public async Task asking_for_more_than_the_token_carries_is_403_naming_the_scopes()
    {
        var (_, token, _) = await ExchangedTokenAsync("plans:read");

        var (status, body) = await Agents.TryMintAsync(token, Requests.AMint("greedy", "plans:read", "chat:completions"));

        status.ShouldBe(403);
        Json.Parse(body).GetProperty("message").GetString().ShouldBe("access token lacks the requested scopes: chat:completions");
    }

    [Fact]
    public async Task revoking_the_key_behind_the_token_ends_the_credential()
    {
        var (admin, token, keyId) = await ExchangedTokenAsync();
        var minted = await Agents.MintAsync(token, Requests.AMint("report-writer"));

        var (status, body) = await services.Keys.SendAsync(s => s.Post.Json(new { reason = "leaked" }).ToUrl($"/api/keys/{keyId}/revoke"), admin);
        status.ShouldBe(200, body);

        await Agents.VerifyUntilAsync(minted.Token, "report-writer", 401);
    }

    [Fact]
    public async Task a_client_credentials_token_mints_too()
    {
        var (_, admin) = await services.Keys.CreateAccountAsync();
        var (status, body) = await services.Tokens.SendAsync(s => s.Post.Json(new
        {
            name = "pipeline", type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = new[] { "insights:read" },
        }).ToUrl("/api/clients"), admin);
        status.ShouldBe(201, body);
        var client = Json.Parse(body);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.GetProperty("clientSecret").GetString()!,
        };
        string? token = null;
        await Poll.UntilAsync(async () =>
        {
            var (s2, b2) = await services.Tokens.SendAsync(s => s.Post.FormData(form).ToUrl("/oauth/token"));
            if (s2 == 200) token = Json.Parse(b2).GetProperty("access_token").GetString();
            return s2 == 200;
        });

        var minted = await Agents.MintAsync(token!, Requests.AMint("pipeline-agent"));

        minted.Scopes.ShouldBe(["insights:read"]);
    }

    [Theory]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0.")]
    [InlineData("eyJ.not.ajwt")]
    public async Task a_forged_or_malformed_token_is_401(string bearer)
    {
        var (status, body) = await Agents.TryMintAsync(bearer, Requests.AMint());

        status.ShouldBe(401, body);
        Json.Parse(body).GetProperty("statusCode").GetInt32().ShouldBe(401);
    }
}
