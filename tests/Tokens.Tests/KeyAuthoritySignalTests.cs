using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Keys;
using Platform.Testing;
using Platform.Keys.ApiKeys;

namespace Platform.Tokens.Tests;

/// <summary>
/// Keys' fast signal alone, without the durable event behind it, already ends the tokens exchanged for a
/// key: sent here by hand, so nothing on the tokens queue can be what made them inactive.
/// </summary>
public class KeyAuthoritySignalTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task a_signal_that_the_key_was_suspended_ends_its_tokens_and_a_newer_one_brings_them_back_but_an_older_one_does_not()
    {
        var resourceServer = await Api.RegisterAsync();
        var key = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("signal", "live", ["plans:read"], null));
        var answer = await Answer.From(await Api.Http.PostAsJsonAsync("/api/auth/v1/token", new { apiKey = key.Secret }, Ct));
        answer.Status.ShouldBe(HttpStatusCode.OK);
        var token = answer.Str("accessToken");

        await SignalAsync(new KeyAuthoritySignal(key.Id, 5, KeyAuthoritySignal.Suspended, null));
        await Api.IntrospectUntilAsync(token, resourceServer, active: false, TimeSpan.FromSeconds(5));

        await SignalAsync(new KeyAuthoritySignal(key.Id, 4, KeyAuthoritySignal.Active, null));
        await Task.Delay(300, Ct);
        (await Api.IntrospectAsync(token, resourceServer)).Json.GetProperty("active").GetBoolean().ShouldBeFalse();

        await SignalAsync(new KeyAuthoritySignal(key.Id, 6, KeyAuthoritySignal.Active, null));
        await Api.IntrospectUntilAsync(token, resourceServer, active: true, TimeSpan.FromSeconds(5));
    }

    private Task SignalAsync(KeyAuthoritySignal signal) => Tokens.NotifyAsync(KeyAuthoritySignal.Channel, signal.ToPayload(), Ct);
}
