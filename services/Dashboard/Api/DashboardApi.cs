using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Platform.Dashboard.Access;
using Platform.Sdk.Client;

namespace Platform.Dashboard.Api;

/// <summary>
/// The management APIs as the signed-in person: the SDK's typed client over the platform's public
/// routes, with the session's access token (refreshed when due). One per circuit.
/// </summary>
public sealed class DashboardApi(AuthenticationStateProvider authentication, SessionTokens tokens, IHttpClientFactory http)
{
    public const string HttpClientName = "platform-api";

    public async Task<PlatformClient> ClientAsync(CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var sid = state.User.FindFirstValue(DashboardSignIn.SessionClaim) ?? throw new SessionEndedException();
        var client = http.CreateClient(HttpClientName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.AccessTokenAsync(sid, ct));
        return new PlatformClient(client);
    }

    /// <summary>After a 401: renew the session's token, or learn that the sign-in has ended (<see cref="SessionEndedException"/>).</summary>
    public async Task RecheckAsync(CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var sid = state.User.FindFirstValue(DashboardSignIn.SessionClaim) ?? throw new SessionEndedException();
        await tokens.RecheckAsync(sid, ct);
    }

    public async Task<Guid> AccountAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Guid.TryParse(state.User.FindFirstValue(DashboardSignIn.AccountClaim), out var account) ? account : Guid.Empty;
    }
}

public static class DashboardApiRegistration
{
    public static IHostApplicationBuilder AddDashboardApi(this IHostApplicationBuilder builder)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation
        // Note: no retries: a create or rotate must not run twice because an answer was slow.
        builder.Services.AddHttpClient(DashboardApi.HttpClientName, (sp, client) =>
        {
            client.BaseAddress = sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Api;
            client.Timeout = TimeSpan.FromSeconds(15);
        }).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient(SessionTokens.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<DashboardApi>();
        builder.Services.AddScoped<OwnAccount>();
        builder.Services.AddScoped<Names>();
        builder.Services.AddSingleton<Platform.Dashboard.Components.Shared.FirstSteps>();
        return builder;
    }
}
