using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Secrets;
using Platform.Testing;
using Wolverine.Tracking;
using Platform.Sdk.ResourceServer;

namespace Platform.Keys.Tests;

public class IssueKeyTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    [Fact]
    public async Task issued_key_is_returned_once_and_its_stream_starts_with_ApiKeyIssued()
    {
        var issued = await Host.IssueAsync(Admin, Scenarios.AKey("live", "chat:completions", "models:read"));

        SecretFormat.IsApiKey(issued.Secret).ShouldBeTrue();
        issued.Display.ShouldBe($"sk_live_...{issued.Secret[^4..]}");
        issued.Scopes.ShouldBe(["chat:completions", "models:read"]);

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var events = await session.Events.FetchStreamAsync(issued.Id, token: Ct);
        events.Single().Data.ShouldBeOfType<ApiKeyIssued>().SecretHash.ShouldBe(SecretFormat.Hash(issued.Secret));
        var snapshot = await session.LoadAsync<ApiKey>(issued.Id, Ct);
        snapshot.ShouldNotBeNull().Status.ShouldBe(KeyStatus.Active);
    }

    [Fact]
    public async Task the_secret_is_stored_nowhere_only_its_hash()
    {
        var issued = await Host.IssueAsync(Admin, Scenarios.AKey());

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var document = await session.Json.FindByIdAsync<ApiKey>(issued.Id, Ct);
        document.ShouldNotBeNull().ShouldNotContain(issued.Secret);
        var stored = await session.AdvancedSql.QueryAsync<string>(
            "select data::text from keys.mt_events where stream_id = ?", Ct, issued.Id);
        stored.ShouldHaveSingleItem().ShouldNotContain(issued.Secret[8..]);
    }

    [Fact]
    public async Task issuing_publishes_KeyIssued_through_the_outbox_without_the_secret()
    {
        IssuedKey? issued = null;
        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => issued = await Host.IssueAsync(Admin, Scenarios.AKey("test"))));

        var message = tracked.Sent.SingleMessage<KeyIssued>();
        message.KeyId.ShouldBe(issued!.Id);
        message.Environment.ShouldBe("test");
        message.Display.ShouldBe(issued.Display);
        System.Text.Json.JsonSerializer.Serialize(message).ShouldNotContain(issued.Secret[8..]);
    }

    [Theory]
    [InlineData("""{"name":"x","environment":"prod"}""", "environment must be 'live' or 'test'")]
    [InlineData("""{"name":"x","environment":"live","scopes":["root"]}""", "unknown scope 'root'")]
    [InlineData("""{"name":"","environment":"live"}""", "name must be 1 to 100 characters")]
    [InlineData("""{"name":"x","environment":"live","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt must be in the future")]
    [InlineData("null", "the body must be a JSON object")]
    public async Task invalid_commands_get_400_in_the_seed_error_shape(string body, string message)
    {
        var result = await Host.Scenario(s =>
        {
            s.As(Admin).Post.Text(body).ToUrl("/api/keys");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        (await result.ReadAsJsonAsync<Refusal>()).ShouldBe(new Refusal(400, "Bad Request", message));
    }

    [Fact]
    public async Task a_10_kB_name_is_400()
    {
        var (status, body) = await Host.SendAsync(s => s.Post.Json(Scenarios.AKey() with { Name = new string('n', 10_240) }).ToUrl("/api/keys"), Admin);

        (status, body).ShouldBe((400, """{"statusCode":400,"error":"Bad Request","message":"name must be 1 to 100 characters"}"""));
    }

    [Fact]
    public async Task malformed_json_gets_400_not_500()
    {
        var result = await Host.Scenario(s =>
        {
            s.As(Admin).Post.Text("{\"name\": ").ToUrl("/api/keys");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        var error = await result.ReadAsJsonAsync<Refusal>();
        error.ShouldNotBeNull().StatusCode.ShouldBe(400);
        error.Error.ShouldBe("Bad Request");
        error.Message.ShouldBe("Invalid JSON format");
    }
}
