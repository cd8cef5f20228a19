using System.Collections.Concurrent;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Audit.Webhooks;
using Platform.Keys;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>Every log line of Audit, at every level, while callers authenticate and webhooks are created and delivered: no secret in any.</summary>
public class SecretsInLogsTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private IAlbaHost _keys = null!;
    private IAlbaHost _audit = null!;

    public async ValueTask InitializeAsync()
    {
        _keys = await ServiceHost.StartAsync<KeysApi>();
        _audit = await AuditFixture.StartAuditAsync(_keys, web => web.ConfigureLogging(logging =>
        {
            logging.AddProvider(_logs);
            // Provider-specific: beats the appsettings filters that quiet Npgsql, Wolverine, Marten.
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _audit.DisposeAsync();
        await _keys.DisposeAsync();
    }

    [Fact]
    public async Task no_api_key_or_webhook_secret_is_logged()
    {
        var (_, admin) = await _keys.CreateAccountAsync();
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var created = await _audit.Scenario(s =>
        {
            s.As(admin).Post.Json(new CreateWebhook(receiver.Url, ["*"])).ToUrl("/api/webhooks");
            s.StatusCodeShouldBe(201);
        });
        var webhook = (await created.ReadAsJsonAsync<CreatedWebhook>())!;
        await _audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), admin);
        await receiver.WaitForAsync(2);
        await _audit.SendAsync(s => s.Get.Url("/api/audit/events"), Tampered.Secret(admin));

        var lines = _logs.Lines.ToList();
        lines.Count.ShouldBeGreaterThan(20); // the capture really saw the run
        lines.Where(line => line.Contains(admin[8..])).ShouldBeEmpty("log lines hold the admin key");
        lines.Where(line => line.Contains(webhook.Secret["whsec_".Length..])).ShouldBeEmpty("log lines hold the webhook secret");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, Lines);

        public void Dispose() { }

        private sealed class Capture(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
