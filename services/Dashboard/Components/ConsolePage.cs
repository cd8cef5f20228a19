using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Dashboard.Access;
using Platform.Dashboard.Api;
using Platform.Sdk.Client;

namespace Platform.Dashboard.Components;

/// <summary>
/// What every page does around an API call: one call at a time, the API's refusal as a sentence a
/// person can act on, and back to sign-in when the session has ended.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [Inject] protected DashboardApi Api { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>Who is signed in, with the scopes Tokens granted this sign-in.</summary>
    protected async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() =>
        Authentication is null ? new System.Security.Claims.ClaimsPrincipal() : (await Authentication).User;

    protected string? Error { get; set; }

    /// <summary>Whether this sign-in changes things (keys:manage or admin) or only reads them, as an auditor does.</summary>
    protected async Task<bool> ManagesAsync() => Abilities.Manages(await UserAsync());
    protected bool Busy { get; private set; }

    protected async Task<bool> RunAsync(Func<PlatformClient, Task> call)
    {
        Error = null;
        Busy = true;
        try
        {
            try
            {
                await call(await Api.ClientAsync());
            }
            catch (PlatformApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The sign-in may have ended at Tokens (removed, made to change the password, signed out elsewhere): a
                // refresh says so, and ends the session here. A refused call did nothing, so once renewed it is asked again.
                await Api.RecheckAsync();
                await call(await Api.ClientAsync());
            }
            return true;
        }
        catch (SessionEndedException)
        {
            // The whole path, base included: sign-in sends back only to paths under the console's base.
            Navigation.NavigateTo($"signin?returnUrl={Uri.EscapeDataString(new Uri(Navigation.Uri).PathAndQuery)}", forceLoad: true);
            return false;
        }
        catch (PlatformApiException e)
        {
            Error = Explain(e);
            return false;
        }
        catch (HttpRequestException)
        {
            Error = "The platform could not be reached. Check that its services are running, then try again.";
            return false;
        }
        catch (TaskCanceledException)
        {
            Error = "The platform took too long to answer. Try again.";
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    public static string Explain(PlatformApiException e) => e.StatusCode switch
    {
        HttpStatusCode.Unauthorized => "The platform did not accept your session. Sign out and in again.",
        HttpStatusCode.Forbidden => $"You are not allowed to do this: {e.ApiMessage}",
        HttpStatusCode.NotFound => $"Not found: {e.ApiMessage}",
        HttpStatusCode.Conflict => $"{e.ApiMessage}. It may have changed meanwhile; reload and try again.",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment and try again.",
        >= HttpStatusCode.InternalServerError => $"The platform failed to answer ({(int)e.StatusCode}). Try again shortly.",
        _ => e.ApiMessage,
    };
}
