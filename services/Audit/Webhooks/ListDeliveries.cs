using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

/// <summary>
/// One delivery (one event to one webhook, one id however often it is sent) with its attempts, oldest first.
/// <see cref="AttemptCount"/> counts the requests sent; a <c>stopped</c> attempt was not sent.
/// </summary>
public sealed record WebhookDelivery(
    Guid DeliveryId, string EventType, DateTimeOffset FirstAttemptAt, DateTimeOffset LastAttemptAt, int AttemptCount, int? LastStatusCode,
    string Outcome, IReadOnlyList<WebhookAttempt> Attempts)
{
    public const string Delivered = "delivered";
    public const string FailedRetrying = "failed-retrying";
    public const string DeadLettered = "dead-lettered";
    public const string Stopped = "stopped";
}

/// <summary>The webhook's latest deliveries, the most recently attempted first.</summary>
public sealed record DeliveryList(Guid WebhookId, IReadOnlyList<WebhookDelivery> Deliveries);

public static class ListDeliveriesEndpoint
{
    public const int MaxDeliveries = 100;

    [Refuses(StatusCodes.Status400BadRequest, WebhookLookup.Malformed)]
    [Refuses(StatusCodes.Status404NotFound, WebhookLookup.Missing)]
    [WolverineGet("/api/webhooks/{id}/deliveries")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<Results<Ok<DeliveryList>, Refused>> Get(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return WebhookLookup.NotFound(id);
        // The latest deliveries by their latest attempts, then every attempt of those, so none is shown in part.
        var recent = await session.Query<WebhookAttempt>().Where(a => a.WebhookId == webhook.Id)
            .OrderByDescending(a => a.At).Select(a => a.DeliveryId).Take(MaxDeliveries * 10).ToListAsync(ct);
        var ids = recent.Distinct().Take(MaxDeliveries).ToArray();
        var attempts = await session.Query<WebhookAttempt>().Where(a => a.WebhookId == webhook.Id && a.DeliveryId.IsOneOf(ids)).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryList(webhook.Id, Summarize(attempts)));
    }

    /// <summary>Attempts grouped by delivery; a delivery's outcome is its latest attempt's (pure).</summary>
    public static IReadOnlyList<WebhookDelivery> Summarize(IEnumerable<WebhookAttempt> attempts) =>
    [
        .. attempts.GroupBy(a => a.DeliveryId).Select(group =>
        {
            var ordered = group.OrderBy(a => a.At).ThenBy(a => a.Attempt).ToList();
            var sent = ordered.Where(a => a.Outcome != WebhookAttempt.Stopped).ToList();
            var last = ordered[^1];
            return new WebhookDelivery(group.Key, last.EventType, ordered[0].At, last.At, sent.Count, sent.LastOrDefault()?.StatusCode,
                OutcomeOf(last.Outcome), ordered);
        }).OrderByDescending(d => d.LastAttemptAt),
    ];

    private static string OutcomeOf(string lastAttempt) => lastAttempt switch
    {
        WebhookAttempt.Delivered => WebhookDelivery.Delivered,
        WebhookAttempt.DeadLettered => WebhookDelivery.DeadLettered,
        WebhookAttempt.Stopped => WebhookDelivery.Stopped,
        _ => WebhookDelivery.FailedRetrying,
    };
}
