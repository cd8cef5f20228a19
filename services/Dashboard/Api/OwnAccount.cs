using Platform.Dashboard.Access;
using Platform.Sdk.Client;
using Platform.Sdk.Client.Accounts;

namespace Platform.Dashboard.Api;

/// <summary>The signed-in person's account (its name for the header), read once per circuit.</summary>
public sealed class OwnAccount(DashboardApi api)
{
    private Task<AccountView?>? loading;

    /// <summary>Null when it cannot be read (a sign-in without keys:manage, admin or audit:read; the platform unreachable): asked again next time.</summary>
    public Task<AccountView?> GetAsync() => loading ??= LoadAsync();

    private async Task<AccountView?> LoadAsync()
    {
        try
        {
            return await (await api.ClientAsync()).Accounts.GetOwnAsync();
        }
        catch (Exception e) when (e is PlatformApiException or HttpRequestException or TaskCanceledException or SessionEndedException)
        {
            // The header falls back to the account id; the page itself reports what went wrong.
            loading = null;
            return null;
        }
    }
}
