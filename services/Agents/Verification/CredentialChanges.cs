using Platform.Agents.Access;
using Platform.Agents.Parents;
using Platform.ServiceDefaults.Feeds;
using Wolverine.Http;

namespace Platform.Agents.Verification;

/// <summary>
/// The revocation feed of agent credentials for resource servers (docs/sdk.md): <c>credential</c> events
/// (a credential stream changed) and <c>key</c> events (its parent key's standing changed), ids only.
/// </summary>
public static class CredentialChangesEndpoint
{
    public const string CredentialEvent = "credential";
    public const string KeyEvent = "key";

    public static IServiceCollection AddCredentialChangeFeed(this IServiceCollection services) =>
        services.AddChangeFeed(CredentialChangeNotifier.Channel, (_, payloads, _) => Task.FromResult(payloads.Select(Translate).OfType<FeedEvent>()));

    private static FeedEvent? Translate(string payload) =>
        payload.Length > 2 && Guid.TryParse(payload.AsSpan(2), out _)
            ? payload[0] switch
            {
                'c' => new FeedEvent(CredentialEvent, payload[2..]),
                'k' => new FeedEvent(KeyEvent, payload[2..]),
                _ => null,
            }
            : null;

    /// <summary>Note: credentials of every account are named, so a key with feeds:read (or keys:manage, admin) is needed.</summary>
    [WolverineGet("/api/agents/changes")]
    public static async Task<IResult> Get(HttpRequest request, ManagementCallers callers, ChangeFeed feed, CancellationToken ct) =>
        await callers.AuthenticateFeedReaderAsync(request, ct) ?? new ChangeStream(feed);
}
