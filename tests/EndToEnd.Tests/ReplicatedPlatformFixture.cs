using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Platform.Hosting;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform with two replicas of every service, as a cluster runs it: the fault suite's stage.</summary>
public sealed class ReplicatedPlatformFixture : IAsyncLifetime
{
    public const int Replicas = 2;

    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public string AdminKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        App = await DistributedApplicationTestingBuilder.StartAsync(Assembly.Load("AppHost"), ["--replicas", Replicas.ToString()], startup.Token);
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway") };
        AdminKey = (string)App.Items["admin-key"];
    }

    /// <summary>One replica of a service, addressed directly (not through the gateway).</summary>
    public HttpClient Replica(string service, int replica) => new() { BaseAddress = App.GetEndpoint(service, replica) };

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
