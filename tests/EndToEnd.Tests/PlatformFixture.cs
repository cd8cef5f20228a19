using System.Reflection;
using Platform.Hosting;

namespace Platform.EndToEnd.Tests;

/// <summary>The whole platform, started through the AppHost's own Program, as Aspire.Hosting.Testing does.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The development account's admin key, created on this (first) run and handed out by the AppHost.</summary>
    public string AdminKey { get; private set; } = null!;

    /// <summary>The development user the first run creates for the dashboard (email and password), handed out next to the admin key.</summary>
    public Platform.AppHost.DevelopmentUser.SignIn DevUser { get; private set; } = null!;

    /// <summary>Every line the platform's services printed so far.</summary>
    public ConsoleCapture Output { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Output = ConsoleCapture.Install();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        App = await DistributedApplicationTestingBuilder.StartAsync(Assembly.Load("AppHost"), [], startup.Token);
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway") };
        AdminKey = (string)App.Items["admin-key"];
        DevUser = (Platform.AppHost.DevelopmentUser.SignIn)App.Items["dev-user"];
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;
