using System.Net;
using Alba;
using Microsoft.AspNetCore.TestHost;
using Platform.Secrets;
using Platform.Infrastructure.Errors;
using Platform.Testing;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Tests;

/// <summary>
/// What a replica acknowledged holds at once: a client registered or a secret rotated elsewhere, and a
/// revocation it answered itself. The second replica never hears a notification, so nothing here can pass
/// because a notification happened to be quick.
/// </summary>
public class ReadYourWritesTests(TokensFixture fixture) : TokensContext(fixture), IAsyncLifetime
{
    private IAlbaHost _unnotified = null!;
    private OAuthClientApi _there = null!;

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _unnotified = await TokensFixture.StartTokensAsync(Keys, web => web.ConfigureTestServices(s => s.LoadOnceWithoutListening<StateSync>()));
        _there = new OAuthClientApi(_unnotified, Admin);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await _unnotified.DisposeAsync();

    [Fact]
    public async Task clients_registered_on_one_replica_get_tokens_at_once_from_another()
    {
        for (var i = 0; i < 10; i++)
        {
            var client = await Api.RegisterAsync();
            var answer = await _there.ClientCredentialsAsync(client, basic: i % 2 == 0);
            answer.Status.ShouldBe(HttpStatusCode.OK, $"client {i}: {answer.Text}");
        }
    }

    [Fact]
    public async Task a_secret_rotated_on_one_replica_works_at_once_on_another_and_the_old_one_stops()
    {
        var client = await Api.RegisterAsync();
        (await _there.ClientCredentialsAsync(client)).Status.ShouldBe(HttpStatusCode.OK);

        var rotation = await Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/rotate-secret", new { });
        rotation.Status.ShouldBe(HttpStatusCode.OK, rotation.Text);
        var rotated = client with { ClientSecret = rotation.Str("clientSecret") };

        (await _there.ClientCredentialsAsync(rotated)).Status.ShouldBe(HttpStatusCode.OK);
        (await _there.ClientCredentialsAsync(client)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_revoked_access_token_is_inactive_on_the_replica_that_answered_the_revocation()
    {
        var client = await Api.RegisterAsync();
        var resourceServer = await Api.RegisterAsync();
        var token = await _there.AccessTokenAsync(client);

        (await _there.PostFormAsync("/oauth/revoke", [new(OAuthParameters.Token, token)], client.ClientId.ToString(), client.ClientSecret!))
            .Status.ShouldBe(HttpStatusCode.OK);

        (await _there.IntrospectAsync(token, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task a_sign_in_revoked_through_its_refresh_token_ends_its_access_tokens_on_that_replica_at_once()
    {
        var (flow, tokens) = await SignedInThereAsync();
        var resourceServer = await Api.RegisterAsync();
        (await _there.IntrospectAsync(tokens.Str("access_token"), resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();

        (await _there.PostFormAsync("/oauth/revoke", [new(OAuthParameters.Token, tokens.Str("refresh_token"))], flow.Client.ClientId.ToString(), flow.Client.ClientSecret!))
            .Status.ShouldBe(HttpStatusCode.OK);

        (await _there.IntrospectAsync(tokens.Str("access_token"), resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task a_reused_refresh_token_ends_the_sign_in_on_that_replica_at_once()
    {
        var (flow, first) = await SignedInThereAsync();
        var second = await flow.RefreshAsync(first.Str("refresh_token"));
        var third = await flow.RefreshAsync(second.Str("refresh_token"));
        third.Status.ShouldBe(HttpStatusCode.OK, third.Text);
        var resourceServer = await Api.RegisterAsync();

        (await flow.RefreshAsync(first.Str("refresh_token"))).Str("error").ShouldBe(OAuthErrors.InvalidGrant);

        (await _there.IntrospectAsync(third.Str("access_token"), resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task an_unknown_client_is_read_once_within_the_window_and_a_malformed_one_never()
    {
        var stranger = Guid.CreateVersion7().ToString();
        var wellFormed = SecretFormat.Generate(ClientIndex.SecretPrefix);
        using var queries = new DatabaseQueries("mt_doc_oauthclient");

        (await ClientCredentialsThereAsync("not-a-client-id", wellFormed)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await ClientCredentialsThereAsync(stranger, "cs_malformed")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        queries.Count.ShouldBe(0, queries.ToString());

        (await ClientCredentialsThereAsync(stranger, wellFormed)).Str("error").ShouldBe(OAuthErrors.InvalidClient);
        (await ClientCredentialsThereAsync(stranger, wellFormed)).Str("error").ShouldBe(OAuthErrors.InvalidClient);
        queries.Count.ShouldBe(1, queries.ToString());
    }

    private Task<Answer> ClientCredentialsThereAsync(string id, string secret) =>
        _there.PostFormAsync("/oauth/token", [new(OAuthParameters.GrantType, GrantTypes.ClientCredentials)], id, secret);

    /// <summary>An app and a user made on the first replica; the whole sign-in on the second.</summary>
    private async Task<(CodeFlow Flow, Answer Tokens)> SignedInThereAsync()
    {
        var made = await CodeFlow.StartAsync(Api);
        var flow = new CodeFlow(_there, made.Client, made.Email, made.Password);
        var callback = await flow.SignInAsync(new Browser(_unnotified), scope: "plans:read insights:read");
        var tokens = await flow.RedeemAsync(callback["code"]);
        tokens.Status.ShouldBe(HttpStatusCode.OK, tokens.Text);
        return (flow, tokens);
    }
}
