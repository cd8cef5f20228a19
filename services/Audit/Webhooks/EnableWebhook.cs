using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public static class EnableWebhookEndpoint
{
    /// <summary>
    /// Events recorded from now on are delivered again; those recorded while it was disabled are not (resend one with
    /// <see cref="RetryDeliveryEndpoint"/>). Enabling an enabled webhook changes nothing.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, WebhookLookup.Malformed)]
    [Refuses(StatusCodes.Status404NotFound, WebhookLookup.Missing)]
    [WolverinePost("/api/webhooks/{id}/enable")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<Results<Ok<WebhookView>, Refused>> Post(string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return WebhookLookup.NotFound(id);
        if (webhook.DisabledAt is null) return TypedResults.Ok(WebhookView.Of(webhook));
        var enabled = webhook with { DisabledAt = null };
        session.Store(enabled);
        return TypedResults.Ok(WebhookView.Of(enabled));
    }
}
