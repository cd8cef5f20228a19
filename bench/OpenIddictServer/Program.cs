using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

// A minimal OpenIddict 7.8 server doing what Tokens' client_credentials does: ES256 JWT access tokens,
// not encrypted, one confidential client. Stores are EF Core in memory (no database round trip),
// the setup most favourable to OpenIddict. Usage: dotnet run -c Release --project bench/OpenIddictServer -- --urls http://127.0.0.1:5090
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDbContext<DbContext>(options =>
{
    options.UseInMemoryDatabase("openiddict");
    options.UseOpenIddict();
});
builder.Services.AddOpenIddict()
    .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<DbContext>())
    .AddServer(options =>
    {
        options.SetTokenEndpointUris("connect/token");
        options.AllowClientCredentialsFlow();
        options.RegisterScopes("insights:read", "plans:read");
        options.AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)));
        options.AddEphemeralEncryptionKey();
        options.DisableAccessTokenEncryption();
        options.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
    });

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
    await manager.CreateAsync(new OpenIddictApplicationDescriptor
    {
        ClientId = "bench",
        ClientSecret = "bench-secret-0123456789",
        ClientType = ClientTypes.Confidential,
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "insights:read", Permissions.Prefixes.Scope + "plans:read" },
    });
}

app.MapGet("/alive", () => "Healthy");
app.MapPost("/connect/token", (HttpContext http) =>
{
    var request = http.GetOpenIddictServerRequest()!;
    var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
    identity.SetClaim(Claims.Subject, request.ClientId);
    identity.SetClaim(Claims.ClientId, request.ClientId);
    identity.SetScopes(request.GetScopes());
    identity.SetDestinations(_ => [Destinations.AccessToken]);
    return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
});
app.Run();
