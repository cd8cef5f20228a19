using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>
/// At the levels the service ships with, its hot paths write nothing per request: under load a line per
/// verify or health probe is gigabytes of logs and a slower verify, and says nothing an operator needs.
/// </summary>
public class QuietHotPathsTests : IAsyncLifetime
{
    private const int Requests = 100;
    private readonly CapturingLoggerProvider _logs = new();
    private IAlbaHost _host = null!;

    // No filter of the test's own: the provider sees exactly what the shipped appsettings let through.
    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync<KeysApi>(web => web.ConfigureLogging(logging => logging.AddProvider(_logs)));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task verify_health_and_anonymous_calls_log_no_line_per_request()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        var key = await _host.IssueAsync(admin, Scenarios.AKey());
        await _host.VerifyUntilAsync(key.Secret, 200, TimeSpan.FromSeconds(10));
        _logs.Lines.Clear();

        for (var i = 0; i < Requests; i++)
        {
            (await _host.VerifyAsync(key.Secret)).Status.ShouldBe(200);
            (await _host.VerifyAsync("sk_live_" + new string('x', 40))).Status.ShouldBe(401);
            await _host.Scenario(s => s.Get.Url("/health"));
            await _host.Scenario(s => s.Get.Url("/alive"));
        }

        var lines = _logs.Lines.Where(l => !l.Contains(" scope: ", StringComparison.Ordinal)).ToList();
        // Anything that happens per request would be at least Requests lines; a few background lines may come.
        lines.Count.ShouldBeLessThan(Requests / 10, string.Join("\n", lines.Take(20)));
    }
}
