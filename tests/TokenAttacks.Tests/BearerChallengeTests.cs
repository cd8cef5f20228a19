using System.Net;
using Platform.EndToEnd.Tests;
using Platform.TokenAttacks.Tests.Forgery;
using Platform.TokenAttacks.Tests.Routes;

namespace Platform.TokenAttacks.Tests;

/// <summary>
/// RFC 6750 §3: a resource server that refuses a bearer token MUST say so in <c>WWW-Authenticate: Bearer</c>, whatever
/// its body; clients (and the SDK) decide from that header whether to fetch a new token.
/// </summary>
public class BearerChallengeTests(PlatformFixture platform)
{
    [Fact]
    public async Task every_route_that_refuses_a_forged_token_answers_with_a_bearer_challenge()
    {
        var genuine = await Genuine.ObtainAsync(platform);
        var missing = new List<string>();

        foreach (var route in TokenRoutes.All.Where(r => r.Refusal != Refusal.Inactive))
        {
            var forged = Attacks.Named("ES256 by a foreign key under the real kid").Forge(route.Target(genuine))!;
            using var response = await platform.Gateway.SendAsync(route.Method, route.Path, forged, route.Body, route.Headers);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, route.Name);
            if (!response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")) missing.Add(route.Name);
        }

        missing.ShouldBeEmpty("these routes answer 401 without WWW-Authenticate: Bearer");
    }
}
