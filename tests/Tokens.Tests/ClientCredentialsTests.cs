using Platform.Testing;
using System.Net;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

public class ClientCredentialsTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_confidential_client_gets_a_token_with_basic_or_post_authentication(bool basic)
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.ClientCredentialsAsync(client, basic: basic);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Str("token_type").ShouldBe("Bearer");
        answer.Json.GetProperty("expires_in").GetInt32().ShouldBe(3600);
        answer.Str("scope").ShouldBe("insights:read plans:read");
        answer.Str("access_token").Split('.').Length.ShouldBe(3);
        answer.Response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task a_requested_subset_of_scopes_is_granted_and_anything_more_is_invalid_scope()
    {
        var client = await Api.RegisterAsync();

        (await Api.ClientCredentialsAsync(client, "plans:read")).Str("scope").ShouldBe("plans:read");
        var beyond = await Api.ClientCredentialsAsync(client, "plans:read chat:completions");
        beyond.Status.ShouldBe(HttpStatusCode.BadRequest);
        beyond.Str("error").ShouldBe("invalid_scope");
        (await Api.ClientCredentialsAsync(client, "no:such")).Str("error").ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task a_wrong_secret_over_basic_is_401_invalid_client_with_a_basic_challenge()
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.ClientCredentialsAsync(client with { ClientSecret = Tampered.Secret(client.ClientSecret!) });

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Str("error").ShouldBe("invalid_client");
        answer.Response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
    }

    [Fact]
    public async Task a_wrong_secret_in_the_form_is_401_invalid_client()
    {
        var client = await Api.RegisterAsync();
        var other = await Api.RegisterAsync();

        var answer = await Api.ClientCredentialsAsync(client with { ClientSecret = other.ClientSecret }, basic: false);

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Str("error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task two_authentication_methods_at_once_are_invalid_request()
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.ClientCredentials,
            [OAuthParameters.ClientSecret] = client.ClientSecret!,
        }, client.ClientId.ToString(), client.ClientSecret!);

        answer.Str("error").ShouldBe("invalid_request");
    }

    [Fact]
    public async Task a_client_not_registered_for_the_grant_is_unauthorized_client()
    {
        var client = await Api.RegisterAsync(grants: [GrantTypes.TokenExchange]);

        var answer = await Api.ClientCredentialsAsync(client);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Str("error").ShouldBe("unauthorized_client");
    }

    [Fact]
    public async Task an_unknown_grant_type_is_unsupported_grant_type_and_a_missing_one_invalid_request()
    {
        var client = await Api.RegisterAsync();

        (await Api.PostFormAsync("/oauth/token", [new(OAuthParameters.GrantType, "password")], client.ClientId.ToString(), client.ClientSecret!))
            .Str("error").ShouldBe("unsupported_grant_type");
        (await Api.PostFormAsync("/oauth/token", [], client.ClientId.ToString(), client.ClientSecret!)).Str("error").ShouldBe("invalid_request");
    }

    [Fact]
    public async Task the_simcel_dialect_answers_access_token_expires_in_and_token_type()
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.ClientCredentialsAsync(client, "insights:read plans:read", basic: false, path: "/api/oauth/v1/token");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Json.EnumerateObject().Select(p => p.Name).ShouldBe(["accessToken", "expiresIn", "tokenType"], ignoreOrder: true);
        answer.Json.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
        answer.Str("tokenType").ShouldBe("Bearer");
        (await Api.IntrospectAsync(answer.Str("accessToken"), client)).Json.GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task the_simcel_dialect_refuses_in_the_seed_error_shape()
    {
        var client = await Api.RegisterAsync();

        var answer = await Api.ClientCredentialsAsync(client with { ClientSecret = "cs_wrong" }, basic: false, path: "/api/oauth/v1/token");

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Json.GetProperty("statusCode").GetInt32().ShouldBe(401);
        answer.Str("error").ShouldBe("Unauthorized");
        answer.Str("message").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_disabled_client_gets_no_token_and_its_tokens_stop_introspecting()
    {
        var client = await Api.RegisterAsync();
        var resourceServer = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client);

        (await Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/disable", new { reason = "leaked" })).Status.ShouldBe(HttpStatusCode.OK);

        await Api.IntrospectUntilAsync(token, resourceServer, active: false);
        (await Api.ClientCredentialsAsync(client)).Str("error").ShouldBe("invalid_client");
    }

    [Fact]
    public async Task a_rotated_secret_replaces_the_old_one_which_works_only_for_the_overlap()
    {
        var client = await Api.RegisterAsync();
        var immediate = await Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/rotate-secret", new { });
        var newSecret = immediate.Str("clientSecret");

        await Wait.Until(async () => (await Api.ClientCredentialsAsync(client with { ClientSecret = newSecret })).Status == HttpStatusCode.OK);
        (await Api.ClientCredentialsAsync(client)).Str("error").ShouldBe("invalid_client");

        var rolling = await Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/rotate-secret", new { overlapSeconds = 600 });
        await Wait.Until(async () => (await Api.ClientCredentialsAsync(client with { ClientSecret = rolling.Str("clientSecret") })).Status == HttpStatusCode.OK);
        (await Api.ClientCredentialsAsync(client with { ClientSecret = newSecret })).Status.ShouldBe(HttpStatusCode.OK);
    }
}
