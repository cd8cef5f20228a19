using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Agents.Credentials;
using Platform.Agents.Parents;
using Platform.Keys;
using Platform.Testing;

namespace Platform.Agents.Tests;

/// <summary>
/// A real Keys host and an Agents host whose Keys client is routed to it: two hosts, one database,
/// the agents queue between them as in production. The Agents host reads time from <see cref="Clock"/>.
/// </summary>
public sealed class AgentsFixture : IAsyncLifetime
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(2);

    public IAlbaHost Keys { get; private set; } = null!;
    public IAlbaHost Agents { get; private set; } = null!;
    public TestClock Clock { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Keys = await ServiceHost.StartAsync<KeysApi>();
        Agents = await StartAgentsAsync();
    }

    /// <summary>An Agents host talking to this fixture's Keys host; <paramref name="configure"/> adds to its set-up.</summary>
    public Task<IAlbaHost> StartAgentsAsync(Action<IWebHostBuilder>? configure = null) => ServiceHost.StartAsync<AgentsApi>(web =>
    {
        web.ConfigureTestServices(services =>
        {
            services.RouteKeysVerifyTo(Keys);
            services.RouteServiceClientTo<KeyReader>(Keys);
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<AgentsOptions>(o => o.MaxLifetime = MaxLifetime);
        });
        configure?.Invoke(web);
    });

    /// <summary>Stops the Agents service, runs <paramref name="whileDown"/>, and starts a new one.</summary>
    public async Task WhileAgentsAreDownAsync(Func<Task> whileDown)
    {
        await Agents.DisposeAsync();
        await whileDown();
        Agents = await StartAgentsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Keys.DisposeAsync();
        await Agents.DisposeAsync();
    }
}

/// <summary>
/// The Agents host's clock: a <see cref="FakeTimeProvider"/> each test replaces with a fresh one at the
/// real time, so one test's jumps never leak into the next. Timers stay real.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public FakeTimeProvider Current { get; set; } = new(DateTimeOffset.UtcNow);

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();

    public void Advance(TimeSpan by) => Current.Advance(by);
}

[CollectionDefinition(nameof(AgentsCollection))]
public sealed class AgentsCollection : ICollectionFixture<AgentsFixture>;

/// <summary>Each test starts from empty data, a fresh clock, and a fresh account with its admin key.</summary>
[Collection(nameof(AgentsCollection))]
public abstract class AgentsContext(AgentsFixture fixture) : IAsyncLifetime
{
    protected AgentsFixture Fixture => fixture;
    protected IAlbaHost Keys => fixture.Keys;
    protected IAlbaHost Agents => fixture.Agents;
    protected TestClock Clock => fixture.Clock;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The admin key (keys:manage) of <see cref="AccountId"/>.</summary>
    protected string Admin { get; private set; } = null!;

    protected Guid AccountId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Clock.Current = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await Agents.ResetMartenDataAsync();
        await Keys.ResetMartenDataAsync();
        (AccountId, Admin) = await Keys.CreateAccountAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
