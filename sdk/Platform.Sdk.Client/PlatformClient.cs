using Platform.Sdk.Client.Accounts;
using Platform.Sdk.Client.Agents;
using Platform.Sdk.Client.Audit;
using Platform.Sdk.Client.Clients;
using Platform.Sdk.Client.Keys;
using Platform.Sdk.Client.Users;

namespace Platform.Sdk.Client;

/// <summary>
/// The platform's management APIs over one <see cref="HttpClient"/> whose base address is the gateway
/// and which authenticates with an API key holding keys:manage (see <see cref="ApiKeyHandler"/> and
/// <c>AddPlatformClient</c>). Every error answer surfaces as a <see cref="PlatformApiException"/>.
/// </summary>
public sealed class PlatformClient
{
    public PlatformClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new PlatformConfigurationException("the HttpClient needs a BaseAddress: the platform's URL");
        var api = new ApiTransport(http);
        Keys = new KeysClient(api);
        Clients = new ClientsClient(api);
        Agents = new AgentsClient(api);
        Audit = new AuditClient(api);
        Webhooks = new WebhooksClient(api);
        Users = new UsersClient(api);
        Accounts = new AccountsClient(api);
    }

    public KeysClient Keys { get; }
    public ClientsClient Clients { get; }
    public AgentsClient Agents { get; }
    public AuditClient Audit { get; }
    public WebhooksClient Webhooks { get; }
    public UsersClient Users { get; }

    /// <summary>The caller's own account, and (operators only) every account.</summary>
    public AccountsClient Accounts { get; }
}
