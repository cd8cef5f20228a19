using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Sdk.Client.Agents;
using Platform.Sdk.Client.Tokens;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

/// <summary>Bad settings fail at registration, naming the setting and never echoing a secret.</summary>
public sealed class ConfigurationTests
{
    private static readonly string GoodKey = ErrorTests.WellFormedButUnknownKey();

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    private static Func<string, string?> NoEnvironment => _ => null;

    [Theory]
    [InlineData("sk_live_tooShort")]
    [InlineData("pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-AAAAAA")]
    public void a_malformed_api_key_fails_fast_with_a_message_that_names_the_setting_but_not_the_value(string key)
    {
        var services = new ServiceCollection();

        var error = Should.Throw<PlatformConfigurationException>(() =>
            services.AddPlatformClient(Config(("Platform:Url", "https://api.platform.test"), ("Platform:ApiKey", key))));

        error.Message.ShouldContain("Platform:ApiKey");
        error.Message.ShouldContain("checksum");
        error.Message.ShouldNotContain(key);
    }

    [Fact]
    public void add_platform_tokens_with_configuration_fails_at_registration()
    {
        var key = GoodKey[..^1] + (GoodKey[^1] == 'A' ? 'B' : 'A');

        var error = Should.Throw<PlatformConfigurationException>(() =>
            new ServiceCollection().AddHttpClient("models").AddPlatformTokens(Config(("Platform:Url", "https://x.test"), ("Platform:ApiKey", key))));

        error.Message.ShouldContain("Platform:ApiKey");
        error.Message.ShouldNotContain(key);
    }

    [Fact]
    public void a_key_with_one_mistyped_character_fails_its_checksum()
    {
        var typo = GoodKey[..10] + (GoodKey[10] == 'Q' ? 'R' : 'Q') + GoodKey[11..];

        SecretFormat.IsApiKey(GoodKey).ShouldBeTrue();
        SecretFormat.IsApiKey(typo).ShouldBeFalse();
        Should.Throw<PlatformConfigurationException>(() => new PlatformOptions { Url = PlatformFixture.Url, ApiKey = typo }.Validate());
    }

    [Fact]
    public void settings_come_from_the_environment_when_configuration_has_none()
    {
        var environment = new Dictionary<string, string?> { ["PLATFORM_URL"] = "https://api.platform.test", ["PLATFORM_API_KEY"] = GoodKey };

        var options = PlatformOptions.From(Config(), name => environment.GetValueOrDefault(name)).Validate();

        options.Url.ShouldBe(new Uri("https://api.platform.test"));
        options.ApiKey.ShouldBe(GoodKey);
        options.UsesClientCredentials.ShouldBeFalse();
        options.ToString().ShouldNotContain(GoodKey);
    }

    [Fact]
    public void configuration_wins_over_the_environment()
    {
        var options = PlatformOptions.From(Config(("Platform:Url", "https://configured.test")), name => name == "PLATFORM_URL" ? "https://environment.test" : null);

        options.Url.ShouldBe(new Uri("https://configured.test"));
    }

    [Fact]
    public void the_refresh_lead_is_read_from_configuration()
    {
        var options = PlatformOptions.From(Config(("Platform:Url", "https://x.test"), ("Platform:ApiKey", GoodKey), ("Platform:RefreshBeforeExpiry", "00:02:00")), NoEnvironment);

        options.RefreshBeforeExpiry.ShouldBe(TimeSpan.FromMinutes(2));
        Should.Throw<PlatformConfigurationException>(() => PlatformOptions.From(Config(("Platform:RefreshBeforeExpiry", "soon")), NoEnvironment));
    }

    [Theory]
    [InlineData(null, "Platform:Url (PLATFORM_URL) is not set")]
    [InlineData("not a url", "Platform:Url (PLATFORM_URL) must be an absolute http or https URL")]
    [InlineData("ftp://files.test", "Platform:Url (PLATFORM_URL) must be an absolute http or https URL")]
    public void a_missing_or_odd_url_fails_fast(string? url, string message)
    {
        var error = Should.Throw<PlatformConfigurationException>(() =>
            PlatformOptions.From(Config(("Platform:Url", url), ("Platform:ApiKey", GoodKey)), NoEnvironment).Validate());

        error.Message.ShouldBe(message);
    }

    [Fact]
    public void no_credentials_at_all_fails_fast()
    {
        var error = Should.Throw<PlatformConfigurationException>(() => PlatformOptions.From(Config(("Platform:Url", "https://x.test")), NoEnvironment).Validate());

        error.Message.ShouldContain("Platform:ApiKey");
    }

    [Fact]
    public void a_client_id_without_a_well_formed_secret_fails_fast()
    {
        Should.Throw<PlatformConfigurationException>(() => new PlatformOptions { Url = PlatformFixture.Url, ClientId = Guid.NewGuid().ToString() }.Validate())
            .Message.ShouldContain("must be set together");
        var error = Should.Throw<PlatformConfigurationException>(() =>
            new PlatformOptions { Url = PlatformFixture.Url, ClientId = Guid.NewGuid().ToString(), ClientSecret = "cs_guessme" }.Validate());
        error.Message.ShouldContain("Platform:ClientSecret");
        error.Message.ShouldNotContain("cs_guessme");
    }

    [Fact]
    public void the_management_client_needs_an_api_key_even_when_client_credentials_are_set()
    {
        var secret = "cs_" + new string('A', 32);
        var config = Config(("Platform:Url", "https://x.test"), ("Platform:ClientId", Guid.NewGuid().ToString()), ("Platform:ClientSecret", secret + SecretFormat.Checksum(secret)));

        Should.Throw<PlatformConfigurationException>(() => new ServiceCollection().AddPlatformClient(config)).Message.ShouldContain("Platform:ApiKey");
    }

    [Fact]
    public void a_token_provider_with_bad_options_fails_at_construction()
    {
        Should.Throw<PlatformConfigurationException>(() => new PlatformTokenProvider(new HttpClient(), new PlatformOptions { Url = PlatformFixture.Url, ApiKey = "sk_test_nope" }));
    }

    [Fact]
    public async Task add_platform_client_resolves_a_client_with_the_configured_base_address()
    {
        var services = new ServiceCollection();
        services.AddPlatformClient(Config(("Platform:Url", "https://api.platform.test"), ("Platform:ApiKey", GoodKey)));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<PlatformClient>().Keys.ShouldNotBeNull();
        provider.GetRequiredService<PlatformOptions>().Url.ShouldBe(new Uri("https://api.platform.test"));
        provider.GetRequiredService<PlatformTokenProvider>().ShouldNotBeNull();
    }

    [Fact]
    public void a_malformed_agent_credential_fails_fast_without_echoing_it()
    {
        var http = new HttpClient { BaseAddress = PlatformFixture.Url };

        var error = Should.Throw<PlatformConfigurationException>(() => new AgentCredentialProvider(http, "agent-1", "agent_tok_truncated"));

        error.Message.ShouldContain("agent_tok_");
        error.Message.ShouldNotContain("truncated");
        Should.Throw<PlatformConfigurationException>(() => AgentCredentialProvider.From(http, Config(), environment: _ => null)).Message.ShouldContain("Platform:AgentId");
    }
}
