namespace Platform.Sdk.Tests;

[Collection(nameof(PlatformCollection))]
public sealed class BadInputTests(PlatformFixture fixture)
{
    public static TheoryData<string> Headers =>
    [
        NoHeader, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer " + new string('x', 20_000),
        "Bearer garbage", "Bearer eyJ.eyJ.sig", "Bearer sk_live_short", "Bearer sk_test_" + new string('A', 38),
        "Bearer agent_tok_" + new string('A', 38), "Bearer a.b.c.d.e",
    ];

    private const string NoHeader = "(none)";

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task a_missing_or_garbage_credential_is_unauthorized_in_the_seed_shape(string header)
    {
        var (status, body, response) = await fixture.Api.SendAsync(s =>
        {
            s.Post.Json(Requests.AChat).ToUrl("/v1/chat/completions");
            if (header != NoHeader) s.WithRequestHeader("Authorization", header);
        });

        status.ShouldBe(401, body);
        body.ShouldBeSeedError(401, "Unauthorized");
        response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"model\":\"mistral-small-latest\",\"messages\":null}")]
    [InlineData("{\"model\":7}")]
    [InlineData("{\"model\":\"mistral-small-latest\",\"messages\":[null]}")]
    public async Task a_bad_chat_body_from_a_live_key_is_a_400_never_a_500(string json)
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");

        var (status, body, _) = await fixture.Api.SendAsync(s =>
        {
            s.Post.Text(json).ToUrl("/v1/chat/completions");
            s.WithRequestHeader("Content-Type", "application/json");
        }, key.Secret);

        status.ShouldBe(400, body);
        body.ShouldBeSeedError(400, "Bad Request");
    }
}
