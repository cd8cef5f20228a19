using System.Net;
using Alba;
using Microsoft.AspNetCore.TestHost;
using Platform.ServiceDefaults;
using Platform.Testing;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Tests;

/// <summary>
/// What was acknowledged holds at once: a client registered or a secret rotated on another replica. The
/// second replica never hears a notification, so nothing here can pass because a notification happened to be quick.
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
    public async Task an_unknown_client_is_read_once_within_the_window_and_a_malformed_one_never()
    {
        var stranger = Guid.CreateVersion7().ToString();
        var wellFormed = CheckedSecret.Generate(ClientIndex.SecretPrefix);
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
}
