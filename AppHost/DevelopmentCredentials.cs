using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost;

/// <summary>
/// The first run's credentials. keys-api creates the development account and its admin key on an
/// empty platform and leaves the key in a one-off owner-only file; once the gateway answers we create
/// the development user with it (through <c>POST /api/users</c>, as any account manager would), print
/// both once, delete the file, and keep them for tests (<see cref="FirstRun"/>, from the AppHost's services).
/// </summary>
public sealed class DevelopmentCredentials
{
    public const string DevUserEmail = "admin@localhost";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private readonly TaskCompletionSource<FirstRunCredentials?> _firstRun = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDistributedApplicationBuilder _builder = null!;

    public string AdminKeyFile { get; private set; } = null!;

    public string SampleApiKeyFile { get; private set; } = null!;

    /// <summary>The first run's admin key and dashboard sign-in; null when the platform already had its account.</summary>
    public Task<FirstRunCredentials?> FirstRun => _firstRun.Task;

    public static DevelopmentCredentials Register(IDistributedApplicationBuilder builder, PlatformState state)
    {
        var credentials = new DevelopmentCredentials { _builder = builder };
        credentials.SampleApiKeyFile = Path.Combine(state.Directory, "sample-api.key");
        // Written by keys-api only on an empty platform, read and deleted here once announced.
        credentials.AdminKeyFile = Path.Combine(state.Directory, $"admin-key-{Guid.NewGuid():N}");
        builder.Services.AddSingleton(credentials);
        return credentials;
    }

    public void AnnounceWhenReady(IResourceBuilder<ProjectResource> gateway) =>
        _builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, async (_, ct) =>
        {
            try
            {
                _firstRun.TrySetResult(await AnnounceAsync(gateway.GetEndpoint("http").Url, ct));
            }
            catch (Exception e)
            {
                _firstRun.TrySetException(e);
                throw;
            }
        });

    private async Task<FirstRunCredentials?> AnnounceAsync(string gatewayUrl, CancellationToken ct)
    {
        if (!File.Exists(AdminKeyFile)) return null; // not the first run: the platform already has its account
        var lines = await File.ReadAllLinesAsync(AdminKeyFile, ct);
        File.Delete(AdminKeyFile);
        var (account, adminKey) = (lines[0], lines[1]);
        var password = RandomNumberGenerator.GetString(Alphabet, 24);
        var userCreated = await CreateDevUserAsync(gatewayUrl, adminKey, password, ct);

        Console.WriteLine();
        Console.WriteLine($"First run: created the development account {account}.");
        Console.WriteLine($"Its admin key (keys:manage, and accounts:manage: it is the operators' account), shown once, keep it now: {adminKey}");
        if (userCreated) Console.WriteLine($"Dashboard sign-in ({gatewayUrl}/dashboard), shown once: {DevUserEmail} / {password}");
        Console.WriteLine();
        return new FirstRunCredentials(adminKey, userCreated ? new DevUser(DevUserEmail, password) : null);
    }

    private static async Task<bool> CreateDevUserAsync(string gatewayUrl, string adminKey, string password, CancellationToken ct)
    {
        using var gateway = new HttpClient { BaseAddress = new Uri(gatewayUrl) };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await gateway.PostAsJsonAsync("/api/users", new { email = DevUserEmail, password, scopes = new[] { "admin", "accounts:manage" } }, ct);
        if (response.IsSuccessStatusCode) return true;
        Console.WriteLine($"Could not create the development user {DevUserEmail}: the gateway answered {(int)response.StatusCode}.");
        return false;
    }
}

/// <summary>What the first run hands out once.</summary>
public sealed record FirstRunCredentials(string AdminKey, DevUser? DevUser);

/// <summary>The dashboard sign-in of the development user.</summary>
public sealed record DevUser(string Email, string Password);
