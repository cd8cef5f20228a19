using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform, started through the AppHost with Aspire.Hosting.Testing.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The development account's admin key, created on this (first) run and handed out by the AppHost.</summary>
    public string AdminKey { get; private set; } = null!;

    /// <summary>The development user the first run creates for the dashboard (email and password), handed out next to the admin key.</summary>
    public Platform.AppHost.DevUser DevUser { get; private set; } = null!;

    /// <summary>The platform database, for tests that look at what a request wrote.</summary>
    public string DatabaseConnectionString { get; private set; } = null!;

    /// <summary>Every line the platform's processes wrote so far.</summary>
    public PlatformLogs Output { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var (app, firstRun) = await PlatformApp.StartAsync([], TimeSpan.FromMinutes(5));
        App = app;
        Output = PlatformLogs.Follow(app);
        DatabaseConnectionString = await app.GetConnectionStringAsync("platform") ?? throw new InvalidOperationException("the platform has no database");
        Gateway = new HttpClient { BaseAddress = app.Gateway() };
        AdminKey = firstRun.AdminKey;
        DevUser = firstRun.DevUser ?? throw new InvalidOperationException("the first run creates the development user");
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;
