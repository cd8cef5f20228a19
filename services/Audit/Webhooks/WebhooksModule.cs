using Platform.Infrastructure.Persistence;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Platform.Audit.Webhooks;

public static class WebhooksModule
{
    public const string Queue = "webhooks";

    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebhookOptions.Section);
        builder.Services.Configure<WebhookOptions>(section);
        var options = section.Get<WebhookOptions>() ?? new();

        builder.AddPlatformDataProtection("platform-audit");
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.ConfigureMarten(marten =>
        {
            // Optimistic: a rotation and a disable racing must not lose either (the loser is a 409).
            marten.Schema.For<Webhook>().Index(w => w.AccountId).UseOptimisticConcurrency(true);
            marten.Schema.For<WebhookAttempt>().Index(a => a.WebhookId).Index(a => a.DeliveryId);
            marten.Schema.For<DeliveryContent>().Index(c => c.WebhookId);
        });
        builder.Services.ConfigureWolverine(wolverine =>
        {
            // A durable local queue: queued deliveries survive a restart.
            wolverine.PublishMessage<DeliverWebhook>().ToLocalQueue(Queue);
            var retries = options.RetryDelays();
            var policy = wolverine.OnException<WebhookDeliveryFailedException>();
            if (retries.Length > 0) policy.RetryWithCooldown(retries).Then.MoveToErrorQueue();
            else policy.MoveToErrorQueue();
        });
        return builder;
    }
}
