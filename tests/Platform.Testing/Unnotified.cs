using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Infrastructure.Changes;

namespace Platform.Testing;

/// <summary>
/// A replica that never hears a change: its <see cref="ChangeListener"/> loads once at start and never
/// listens, so whatever it answers about a later write comes from its own reads, not from a notification that was quick.
/// </summary>
public static class Unnotified
{
    public static IServiceCollection LoadOnceWithoutListening<TListener>(this IServiceCollection services) where TListener : ChangeListener
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService)) continue;
            if (descriptor.ImplementationType == typeof(TListener))
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new LoadOnce(ActivatorUtilities.CreateInstance<TListener>(sp)));
            else if (descriptor.ImplementationFactory is { } factory)
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => factory(sp) is var hosted && hosted is TListener listener ? new LoadOnce(listener) : (IHostedService)hosted);
        }
        return services;
    }

    private sealed class LoadOnce(ChangeListener listener) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => listener.LoadAllAsync(ct);

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
