using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Keys.ApiKeys;
using Platform.Keys.Usage;
using Platform.Keys.Verification;
using Platform.Secrets;
using Platform.Infrastructure.Errors;

namespace Platform.Keys.Benchmarks;

/// <summary>
/// One verify over loopback HTTP against the service's own pipeline (service defaults with their tracing and
/// metrics, the error shape and input guard) beside the no-op <c>/alive</c> it is measured against through the
/// gateway: the difference is what verify costs a Keys replica per request. The endpoint is mapped directly
/// (no Wolverine, no database: a hit reads none); the client's cost is in both.
/// </summary>
[MemoryDiagnoser]
public class VerifyRequest
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private byte[] _body = null!;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<KeyIndex>().AddSingleton<KeyRateLimiter>().AddSingleton<UsageRecorder>().AddSingleton(TimeProvider.System);
        // A hit never reaches the store or the fallback.
        builder.Services.AddSingleton(sp => new KeyLookup(sp.GetRequiredService<KeyIndex>(), null!, null!));
        _app = builder.Build();
        _app.UsePlatformErrors();
        _app.MapDefaultEndpoints();
        _app.MapPost("/api/keys/verify", (HttpRequest request, KeyIndex index, KeyLookup keys, KeyRateLimiter limiter, UsageRecorder usage, TimeProvider clock, CancellationToken ct) =>
            VerifyKeyEndpoint.Post(request, index, keys, limiter, usage, clock, ct));

        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        var now = DateTimeOffset.UtcNow;
        _app.Services.GetRequiredService<KeyIndex>().ReplaceAll([new ApiKey(Guid.CreateVersion7(), Guid.CreateVersion7(), "bench", KeyEnvironment.Live,
            ["models:read"], KeyStatus.Active, SecretFormat.Hash(secret), SecretFormat.Display(KeyEnvironment.Live.SecretPrefix(), secret[^4..]), now, null)]);
        // The load driver's body: the key and one scope.
        _body = JsonSerializer.SerializeToUtf8Bytes(new { key = secret, scopes = new[] { "models:read" } });

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        if ((await VerifyAsync()) != 200) throw new InvalidOperationException("verify refused the key");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Alive()
    {
        using var response = await _http.GetAsync("/alive");
        return (int)response.StatusCode;
    }

    [Benchmark]
    public Task<int> Verify() => VerifyAsync();

    private async Task<int> VerifyAsync()
    {
        using var content = new ByteArrayContent(_body) { Headers = { ContentType = Json } };
        using var response = await _http.PostAsync("/api/keys/verify", content);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }
}
