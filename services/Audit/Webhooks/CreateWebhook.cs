using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public sealed record CreateWebhook(string? Url, string[]? EventTypes);

/// <summary>The new webhook with its signing secret: the only time the secret is shown.</summary>
public sealed record CreatedWebhook(Guid Id, string Url, string[] EventTypes, string Secret, DateTimeOffset CreatedAt);

public static class CreateWebhookEndpoint
{
    private const int MaxUrlLength = 2048;
    private const int MaxEventTypes = 50;

    public static IResult Validate(CreateWebhook command)
    {
        if (command.Url is not { Length: > 0 and <= MaxUrlLength } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
            return ApiError.BadRequest("url must be an absolute http or https URL without credentials");
        if (command.EventTypes is not { Length: > 0 and <= MaxEventTypes } types || types.Any(t => t is null || !WebhookEvents.IsKnown(t)))
            return ApiError.BadRequest($"eventTypes must list 1 to {MaxEventTypes} of: {Webhook.AllEvents}, {string.Join(", ", WebhookEvents.Known)}");
        return WolverineContinue.Result();
    }

    [WolverinePost("/api/webhooks")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<Results<Created<CreatedWebhook>, Refused>> Post(CreateWebhook command, ClaimsPrincipal user, IDocumentSession session, WebhookSecrets secrets,
        IOptionsMonitor<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var uri = new Uri(command.Url!);
        try
        {
            await WebhookAddresses.ResolveAsync(uri.Host, options.CurrentValue.AllowPrivateNetworks, ct);
        }
        catch (Exception e) when (e is WebhookAddressRefusedException or System.Net.Sockets.SocketException)
        {
            return ApiError.BadRequest(e is WebhookAddressRefusedException ? e.Message : "url host does not resolve");
        }

        var caller = AuditCaller.From(user);
        var secret = WebhookSecrets.Generate();
        var webhook = new Webhook(Guid.CreateVersion7(), caller.AccountId, uri.ToString(), [.. command.EventTypes!.Distinct()],
            secrets.Protect(secret), caller.Actor, clock.GetUtcNow());
        session.Store(webhook);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", new CreatedWebhook(webhook.Id, webhook.Url, webhook.EventTypes, secret, webhook.CreatedAt));
    }
}
