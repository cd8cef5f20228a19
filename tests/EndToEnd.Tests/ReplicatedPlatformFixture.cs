using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The whole platform with two replicas of every service, as a cluster runs it, and the Aspire dashboard
/// receiving their telemetry: the stage of the fault and telemetry suites.
/// </summary>
/// <remarks>
/// The same suites run against a bigger cluster on an external PostgreSQL (bench/README.md, "A cluster on one
/// machine"): <c>PLATFORM_CLUSTER_REPLICAS=3</c> and <c>PLATFORM_CLUSTER_DATABASE=&lt;connection string of an empty database&gt;</c>.
/// </remarks>
public sealed class ReplicatedPlatformFixture : IAsyncLifetime
{
    public static int Replicas { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_CLUSTER_REPLICAS"), out var replicas) && replicas >= 2 ? replicas : 2;

    /// <summary>An external PostgreSQL's empty database instead of the embedded server, when given.</summary>
    private static readonly string? Database = Environment.GetEnvironmentVariable("PLATFORM_CLUSTER_DATABASE") is { Length: > 0 } database ? database : null;

    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public string AdminKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        string[] database = Database is null ? [] : [$"--ConnectionStrings:platform={Database}"];
        var (app, firstRun) = await PlatformApp.StartAsync(["--replicas", Replicas.ToString(), .. database], TimeSpan.FromMinutes(8), dashboard: true);
        App = app;
        Gateway = new HttpClient { BaseAddress = app.Gateway() };
        AdminKey = firstRun.AdminKey;
        await EveryReplicaAnswersAsync(TimeSpan.FromMinutes(2));
    }

    public static readonly string[] Services = ["keys-api", "tokens-api", "agents-api", "audit-api", "sample-api"];

    /// <summary>
    /// Aspire's health of a replicated service is the health of its proxied endpoint, which one live replica
    /// satisfies; a test that addresses each replica directly waits until every one answers at its own address.
    /// </summary>
    public async Task EveryReplicaAnswersAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var service in Services)
            for (var r = 0; r < Replicas; r++)
                while (!await AnswersAsync(service, r))
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"{service} #{r} did not answer /health within {timeout.TotalSeconds:0} s");
                    await Task.Delay(200);
                }
    }

    private async Task<bool> AnswersAsync(string service, int replica)
    {
        var replicas = App.Replicas(service);
        if (replicas.Count <= replica || replicas[replica].Url is not { } url) return false;
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>One replica of a service, addressed directly (not through the gateway).</summary>
    public HttpClient Replica(string service, int replica) =>
        new() { BaseAddress = App.Replicas(service)[replica].Url ?? throw new InvalidOperationException($"{service} #{replica} has no address yet") };

    public async Task<(Guid Id, string Secret)> IssueKeyAsync(params string[] scopes)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/keys", new { name = "fault", environment = "live", scopes });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    /// <summary>A management call through the gateway with the development admin key.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new("Bearer", bearer ?? AdminKey) } };
        if (body is not null) request.Content = JsonContent.Create(body);
        return Gateway.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(nameof(ReplicatedPlatformCollection))]
public sealed class ReplicatedPlatformCollection : ICollectionFixture<ReplicatedPlatformFixture>;
