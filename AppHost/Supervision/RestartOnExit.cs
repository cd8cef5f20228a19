using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// DCP runs a process once; a platform that must stay up starts a crashed one again. Resources marked
/// with <c>WithRestartOnExit</c> are started again with backoff (1 s, doubling up to 30 s, back to
/// 1 s once an instance has run a minute) whenever one of their instances exits while the AppHost runs.
/// </summary>
public static class RestartOnExitExtensions
{
    public static IResourceBuilder<T> WithRestartOnExit<T>(this IResourceBuilder<T> builder) where T : IResource
    {
        builder.ApplicationBuilder.Services.TryAddHostedServiceOnce();
        return builder.WithAnnotation(new RestartOnExitAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }

    private static void TryAddHostedServiceOnce(this IServiceCollection services)
    {
        if (services.Any(s => s.ImplementationType == typeof(RestartSupervisor))) return;
        // First of the hosted services: the orchestrator's start only returns once every resource it waits
        // for is up, so a supervisor started after it would miss an instance that dies while others wait.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, RestartSupervisor>());
    }
}

internal sealed class RestartOnExitAnnotation : IResourceAnnotation;

internal sealed class RestartSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<RestartSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Instance> _instances = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!update.Resource.Annotations.OfType<RestartOnExitAnnotation>().Any()) continue;
                var state = update.Snapshot.State?.Text;
                var instance = _instances.TryGetValue(update.ResourceId, out var known) ? known : _instances[update.ResourceId] = new Instance();
                if (state != instance.LastState)
                {
                    logger.LogInformation("{Resource}: {State}", update.ResourceId, state);
                    instance.LastState = state;
                }
                if (state == KnownResourceStates.Running && instance.RunningSince is null)
                {
                    instance.RunningSince = DateTime.UtcNow;
                    instance.HealthyReported = false;
                }
                // How long each start took to be ready: what an operator (and bench/'s cold-start figure) reads.
                if (instance.RunningSince is { } started && !instance.HealthyReported && update.Snapshot.HealthStatus == HealthStatus.Healthy)
                {
                    instance.HealthyReported = true;
                    logger.LogInformation("{Resource}: healthy {Seconds:0.0} s after its process started", update.ResourceId, (DateTime.UtcNow - started).TotalSeconds);
                }
                if (state is null || !KnownResourceStates.TerminalStates.Contains(state)) continue;
                if (lifetime.ApplicationStopping.IsCancellationRequested || instance.Restarting) continue;
                _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, instance, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(string resourceId, int? exitCode, Instance instance, CancellationToken ct)
    {
        instance.Restarting = true;
        try
        {
            instance.Delay = instance.RunningSince is { } since && DateTime.UtcNow - since > StableAfter
                ? TimeSpan.FromSeconds(1)
                : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, Math.Max(TimeSpan.TicksPerSecond, instance.Delay.Ticks * 2)));
            instance.RunningSince = null;
            logger.LogWarning("{Resource} exited (code {ExitCode}); starting it again in {Delay} s", resourceId, exitCode, instance.Delay.TotalSeconds);
            await Task.Delay(instance.Delay, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (!result.Success) logger.LogWarning("{Resource} could not be started again: {Error}", resourceId, result.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            instance.Restarting = false;
        }
    }

    private sealed class Instance
    {
        public string? LastState { get; set; }
        public DateTime? RunningSince { get; set; }
        public TimeSpan Delay { get; set; }
        public bool Restarting { get; set; }
        public bool HealthyReported { get; set; }
    }
}
