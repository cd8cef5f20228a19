using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>What verify decides from the time, on a host whose clock the test moves.</summary>
public class ClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private IAlbaHost _host = null!;
    private Guid _account;
    private string _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ServiceHost.StartAsync<KeysApi>(web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        (_account, _admin) = await _host.CreateAccountAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<IssuedKey> IssueVerifiableAsync(IssueKey command)
    {
        var key = await _host.IssueAsync(_admin, command);
        await _host.VerifyUntilAsync(key.Secret, 200, TimeSpan.FromSeconds(10));
        return key;
    }

    [Fact]
    public async Task an_access_token_expires_by_the_services_clock_with_the_tolerated_skew()
    {
        // The token's times come from the machine's clock: the service's starts level with it (its exp has whole seconds).
        _clock.SetUtcNow(DateTimeOffset.UtcNow);
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims($"user:{Guid.CreateVersion7()}", _account, ["keys:manage"]), expiresIn: TimeSpan.FromMinutes(5));
        (await _host.SendAsync(s => s.Get.Url("/api/keys"), token)).Status.ShouldBe(200);

        // Within the 30 s the platform tolerates between clocks: still accepted.
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));
        (await _host.SendAsync(s => s.Get.Url("/api/keys"), token)).Status.ShouldBe(200);

        // Past it: refused, though the machine's clock says the token has minutes left (the acceptance cache ends with it).
        _clock.Advance(TimeSpan.FromSeconds(15));
        (await _host.SendAsync(s => s.Get.Url("/api/keys"), token)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task a_spent_rate_limit_window_opens_again_when_the_next_one_starts()
    {
        var key = await IssueVerifiableAsync(Scenarios.AKey() with { RateLimit = new RateLimit(2, 60) });
        (await _host.VerifyAsync(key.Secret)).Status.ShouldBeOneOf(200, 429); // depends on where in the window we are
        (await _host.VerifyAsync(key.Secret)).Status.ShouldBe(429);

        _clock.Advance(TimeSpan.FromSeconds(61));

        (await _host.VerifyAsync(key.Secret)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_key_is_refused_from_its_expiry_on()
    {
        var key = await IssueVerifiableAsync(Scenarios.AKey() with { ExpiresAt = _clock.GetUtcNow().AddHours(1) });

        _clock.Advance(TimeSpan.FromMinutes(59));
        (await _host.VerifyAsync(key.Secret)).Status.ShouldBe(200);
        _clock.Advance(TimeSpan.FromMinutes(2));

        (await _host.VerifyAsync(key.Secret)).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"API key has expired"}"""));
    }

    [Fact]
    public async Task a_rotated_key_works_through_the_24_hour_overlap_and_not_after()
    {
        var old = await IssueVerifiableAsync(Scenarios.AKey());
        var (_, body) = await _host.CommandAsync(_admin, old.Id, "rotate", new RotateKey(null));
        var successor = JsonSerializer.Deserialize<IssuedKey>(body, JsonSerializerOptions.Web)!;
        (await _host.VerifyAsync(successor.Secret)).Status.ShouldBe(200);
        // The old key's shortened expiry reaches the index by notification, milliseconds after the rotation.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await _host.VerifyAsync(old.Secret)).Body.Contains("\"expiresAt\":\"") && DateTime.UtcNow < deadline) await Task.Delay(10, TestContext.Current.CancellationToken);

        _clock.Advance(TimeSpan.FromHours(23));
        (await _host.VerifyAsync(old.Secret)).Status.ShouldBe(200);
        _clock.Advance(TimeSpan.FromHours(2));

        (await _host.VerifyAsync(old.Secret)).Status.ShouldBe(401);
        (await _host.VerifyAsync(successor.Secret)).Status.ShouldBe(200);
    }
}
