using Platform.Dashboard;
using Platform.Dashboard.Access;
using Platform.Dashboard.Api;
using Platform.Dashboard.Components;

// The web console. People sign in through the platform's own authorization code + PKCE flow; the
// pages call the same management APIs as the SDK, with the signed-in user's access token.
var builder = WebApplication.CreateBuilder(args);
// The framework's scripts (blazor.web.js) come from the static web assets manifest of a build; a
// published app carries them in wwwroot, and then this does nothing. The AppHost runs builds in Production.
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.AddDashboardStore();
builder.AddDashboardSignIn();
builder.AddDashboardApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
// Behind the gateway at /dashboard: the public scheme and host come from loopback proxies only.
app.UseForwardedHeaders(new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions
{
    ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
        | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
        | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost,
});
app.UsePathBase(DashboardOptions.PathBase);
// Note: routing must run after the path base is taken off, or /dashboard/_blazor matches nothing.
app.UseRouting();
app.MapDefaultEndpoints();
app.UseCanonicalOrigin();
app.UseErrorPage();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapAuditExport();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();

app.Run();
