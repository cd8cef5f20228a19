using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Platform.AppHost;

/// <summary>
/// Aspire asks a resource that is not yet healthy again after 1, 2, 3, 4 and then every 5 seconds: a service
/// ready 10.1 s after it started is seen at 15 s, and everything that waits for it starts 5 s late. With this,
/// a service's health check asks its <c>/health</c> again every <see cref="PromptHealthCheck.Step"/> for up to
/// <see cref="PromptHealthCheck.Patience"/> before it reports "not yet", so readiness is seen when it happens.
/// A healthy answer returns at once; only the wait for a starting (or failing) service changes.
/// </summary>
public static class PromptReadiness
{
    public static IResourceBuilder<T> WithPromptHealthChecks<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        var keys = resource.Resource.Annotations.OfType<HealthCheckAnnotation>().Select(a => a.Key).ToHashSet();
        resource.ApplicationBuilder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => keys.Contains(r.Name)))
            {
                var factory = registration.Factory;
                if (factory.Target is PromptFactory) continue;
                registration.Factory = new PromptFactory(factory).Create;
            }
        });
        return resource;
    }

    private sealed class PromptFactory(Func<IServiceProvider, IHealthCheck> inner)
    {
        public IHealthCheck Create(IServiceProvider services) => new PromptHealthCheck(inner(services), TimeProvider.System);
    }
}

/// <summary>Asks <paramref name="inner"/> until it is healthy or <see cref="Patience"/> has passed; the last answer stands.</summary>
public sealed class PromptHealthCheck(IHealthCheck inner, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var giveUpAt = clock.GetUtcNow() + Patience;
        while (true)
        {
            var result = await inner.CheckHealthAsync(context, cancellationToken);
            if (result.Status == HealthStatus.Healthy || clock.GetUtcNow() + Step > giveUpAt) return result;
            await Task.Delay(Step, clock, cancellationToken);
        }
    }
}
