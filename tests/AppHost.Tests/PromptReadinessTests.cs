using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Platform.AppHost.Tests;

/// <summary>
/// Readiness seen when it happens: Aspire's own schedule re-checks a starting resource after 1, 2, 3, 4, then 5 s,
/// so without this a service could wait up to 5 s to be seen ready, and everything after it (the gateway waits for all) too.
/// </summary>
public sealed class PromptReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_service_that_becomes_ready_while_asked_is_reported_healthy_at_once()
    {
        var inner = new CountingCheck(healthyFromCall: 3);
        var watch = Stopwatch.StartNew();

        var result = await new PromptHealthCheck(inner, TimeProvider.System).CheckHealthAsync(new HealthCheckContext(), Ct);

        result.Status.ShouldBe(HealthStatus.Healthy);
        inner.Calls.ShouldBe(3);
        watch.Elapsed.ShouldBeLessThan(PromptHealthCheck.Patience);
    }

    [Fact]
    public async Task a_healthy_service_is_asked_once()
    {
        var inner = new CountingCheck(healthyFromCall: 1);
        (await new PromptHealthCheck(inner, TimeProvider.System).CheckHealthAsync(new HealthCheckContext(), Ct)).Status.ShouldBe(HealthStatus.Healthy);
        inner.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task a_service_that_stays_unready_is_reported_unhealthy_after_the_patience_with_its_last_answer()
    {
        var inner = new CountingCheck(healthyFromCall: int.MaxValue);
        var watch = Stopwatch.StartNew();

        var result = await new PromptHealthCheck(inner, TimeProvider.System).CheckHealthAsync(new HealthCheckContext(), Ct);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe($"not yet ({inner.Calls})");
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(PromptHealthCheck.Patience - PromptHealthCheck.Step - TimeSpan.FromMilliseconds(50));
        inner.Calls.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task every_service_and_the_database_are_checked_promptly()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--AppHost:Ephemeral=true", "--Gateway:Port=0"], Ct);
        await using var app = await builder.BuildAsync(Ct);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var registrations = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToDictionary(r => r.Name);

        var checkedResources = model.Resources.Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any()).ToList();
        checkedResources.Select(r => r.Name).ShouldBe(
            ["postgres", "platform", "keys-api", "audit-api", "tokens-api", "agents-api", "sample-api", "mcp-server", "dashboard", "gateway"], ignoreOrder: true);
        foreach (var resource in checkedResources)
            foreach (var key in resource.Annotations.OfType<HealthCheckAnnotation>().Select(a => a.Key))
                registrations[key].Factory(app.Services).ShouldBeOfType<PromptHealthCheck>(resource.Name);
    }

    private sealed class CountingCheck(int healthyFromCall) : IHealthCheck
    {
        public int Calls;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(++Calls >= healthyFromCall ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"not yet ({Calls})"));
    }
}
