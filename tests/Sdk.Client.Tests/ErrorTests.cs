using System.Net;
using Platform.Sdk.Client.Keys;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

public sealed class ErrorTests(PlatformFixture platform) : SdkContext(platform)
{
    [Fact]
    public async Task a_missing_key_is_a_not_found_exception_with_the_services_message()
    {
        var id = Guid.CreateVersion7();

        var error = await Should.ThrowAsync<PlatformApiException>(() => Client.Keys.GetAsync(id, ct: Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Error.ShouldBe("Not Found");
        error.ApiMessage.ShouldBe($"no key {id}");
        error.Message.ShouldBe($"404 Not Found: no key {id}");
    }

    [Fact]
    public async Task invalid_input_is_a_bad_request_naming_the_problem()
    {
        var error = await Should.ThrowAsync<PlatformApiException>(() => Client.Keys.IssueAsync(new IssueKeyRequest("x", "production"), Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.ApiMessage.ShouldBe("environment must be 'live' or 'test'");
    }

    [Fact]
    public async Task an_unknown_api_key_is_unauthorized_and_the_key_appears_nowhere_in_the_exception()
    {
        var stranger = ClientWith(WellFormedButUnknownKey());

        var error = await Should.ThrowAsync<PlatformApiException>(() => stranger.Keys.ListAsync(ct: Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Error.ShouldBe("Unauthorized");
        error.ApiMessage.ShouldNotBeNullOrWhiteSpace();
        error.ToString().ShouldNotContain(WellFormedButUnknownKey());
    }

    [Fact]
    public async Task a_key_without_keys_manage_is_forbidden()
    {
        var reader = await LiveKeyAsync("models:read");

        var error = await Should.ThrowAsync<PlatformApiException>(() => ClientWith(reader.Secret).Keys.ListAsync(ct: Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        error.ToString().ShouldNotContain(reader.Secret);
    }

    [Fact]
    public void a_secret_quoted_in_an_error_message_is_redacted()
    {
        var secret = WellFormedButUnknownKey();

        var error = new PlatformApiException(HttpStatusCode.BadRequest, "Bad Request", $"key {secret} is not valid");

        error.Message.ShouldNotContain(secret);
        error.ApiMessage.ShouldBe("key sk_live_[redacted] is not valid");
    }

    [Fact]
    public async Task a_non_json_error_page_still_becomes_a_clear_exception()
    {
        var http = new HttpClient(new Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>")) { BaseAddress = PlatformFixture.Url };

        var error = await Should.ThrowAsync<PlatformApiException>(() => new PlatformClient(http).Keys.GetAsync(Guid.NewGuid(), ct: Ct));

        error.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        error.Error.ShouldBe("Bad Gateway");
    }

    [Fact]
    public async Task an_unexpected_success_body_becomes_a_clear_exception()
    {
        var http = new HttpClient(new Answer(HttpStatusCode.OK, "[1,2,3]")) { BaseAddress = PlatformFixture.Url };

        var error = await Should.ThrowAsync<PlatformApiException>(() => new PlatformClient(http).Keys.GetAsync(Guid.NewGuid(), ct: Ct));

        error.Error.ShouldBe("Invalid Response");
        error.ApiMessage.ShouldContain("KeyView");
    }

    [Fact]
    public void bad_arguments_fail_before_any_call()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Client.Keys.RotateAsync(Guid.NewGuid(), TimeSpan.FromSeconds(-1), ct: Ct));
        Should.Throw<PlatformConfigurationException>(() => new PlatformClient(new HttpClient()));
        Should.Throw<PlatformConfigurationException>(() => new ApiKeyHandler("sk_live_short"));
    }

    [Fact]
    public async Task a_malformed_agent_credential_is_refused_before_any_call_without_echoing_it()
    {
        var calls = Router.Calls("/api/agents/refresh");

        var error = await Should.ThrowAsync<ArgumentException>(() => Client.Agents.RefreshAsync("agent_tok_cut-in-half", "agent-1", ct: Ct));

        error.Message.ShouldContain("agent_tok_ + 32 base62 characters");
        error.Message.ShouldNotContain("cut-in-half");
        Router.Calls("/api/agents/refresh").ShouldBe(calls);
    }

    [Fact]
    public async Task a_refused_export_is_an_exception_before_the_first_line()
    {
        var stranger = ClientWith(WellFormedButUnknownKey());

        var error = await Should.ThrowAsync<PlatformApiException>(async () =>
        {
            await foreach (var _ in stranger.Audit.ExportAsync(ct: Ct)) { }
        });

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    internal static string WellFormedButUnknownKey()
    {
        var text = "sk_live_" + new string('Q', 32);
        return text + SecretFormat.Checksum(text);
    }

    private sealed class Answer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body), RequestMessage = request });
    }
}
