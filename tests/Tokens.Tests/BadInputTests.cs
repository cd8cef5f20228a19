using System.Net;
using System.Text;

namespace Platform.Tokens.Tests;

/// <summary>Malformed requests on every endpoint: a 4xx in the endpoint's documented error shape, never a 500.</summary>
public class BadInputTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Json = "application/json";

    public static TheoryData<string, string, string?, string?, string> Requests() => new()
    {
        // OAuth endpoints answer RFC 6749 §5.2 errors.
        { "POST", "/oauth/token", Json, "{\"grant_type\":\"client_credentials\"}", "oauth" },
        { "POST", "/oauth/token", null, null, "oauth" },
        { "POST", "/oauth/token", Form, "grant_type=client_credentials&grant_type=client_credentials", "oauth" },
        { "POST", "/oauth/token", Form, "grant_type=authorization_code&code=ac_nope&redirect_uri=x&client_id=" + Guid.Empty, "oauth" },
        { "POST", "/oauth/token", Form, "grant_type=refresh_token&refresh_token=rt_" + new string('0', 80), "oauth" },
        { "POST", "/oauth/token", Form, "grant_type=" + new string('x', 5000), "oauth" },
        { "POST", "/oauth/token", Form, "%%%=%%%", "oauth" },
        { "POST", "/oauth/introspect", Form, "token=x", "oauth" },
        { "POST", "/oauth/introspect", Json, "{}", "oauth" },
        { "POST", "/oauth/revoke", Form, "", "oauth" },
        { "POST", "/api/oauth/v1/token", Json, "{}", "seed" },
        { "POST", "/api/oauth/v1/token", Form, "grant_type=password", "seed" },
        { "POST", "/api/auth/v1/token", Json, "[1,2]", "seed" },
        { "POST", "/api/auth/v1/token", Json, "{\"apiKey\":\"" + new string('a', 10000) + "\"}", "seed" },
        { "POST", "/api/auth/v1/token", Form, "apiKey=sk_live_x", "seed" },
        // Management endpoints answer in the seed's shape.
        { "POST", "/api/clients", Json, "{not json", "seed" },
        { "POST", "/api/clients", Json, "null", "seed" },
        { "POST", "/api/clients", Json, "{\"name\":42,\"type\":\"confidential\"}", "seed" },
        { "POST", "/api/clients", Json, "{\"name\":\"" + new string('n', 5000) + "\",\"type\":\"confidential\",\"grantTypes\":[\"client_credentials\"]}", "seed" },
        { "GET", "/api/clients/not-a-guid", null, null, "seed" },
        { "GET", "/api/clients?limit=abc", null, null, "seed" },
        { "GET", "/api/clients?after=zzz", null, null, "seed" },
        { "POST", "/api/clients/not-a-guid/disable", Json, "{}", "seed" },
        { "POST", "/api/clients/" + Guid.Empty + "/rotate-secret", Json, "{\"overlapSeconds\":-5}", "seed" },
        { "POST", "/api/clients/" + Guid.Empty + "/rotate-secret", Json, "{\"overlapSeconds\":\"soon\"}", "seed" },
        { "POST", "/api/users", Json, "{\"email\":\"not-an-email\",\"password\":\"long enough password\"}", "seed" },
        { "POST", "/api/users", Json, "{\"email\":\"a@example.com\",\"password\":\"short\"}", "seed" },
        // The pages answer HTML error pages.
        { "GET", "/oauth/authorize", null, null, "page" },
        { "GET", "/oauth/authorize?client_id=x&client_id=y", null, null, "page" },
        { "POST", "/oauth/login", Json, "{}", "page" },
        { "POST", "/oauth/consent", Form, "decision=allow", "page" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task a_malformed_request_is_a_4xx_in_the_documented_shape(string method, string url, string? contentType, string? body, string shape)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (url.StartsWith("/api/clients") || url.StartsWith("/api/users")) request.Headers.Authorization = new("Bearer", Admin);
        if (contentType is not null) request.Content = new StringContent(body ?? "", Encoding.UTF8, contentType);

        var answer = await Answer.From(await Api.Http.SendAsync(request, Ct));

        ((int)answer.Status).ShouldBeInRange(400, 499, answer.Text);
        switch (shape)
        {
            case "oauth":
                answer.Json.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
                break;
            case "seed":
                answer.Json.GetProperty("statusCode").GetInt32().ShouldBe((int)answer.Status);
                answer.Json.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
                break;
            default:
                answer.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
                break;
        }
        answer.Text.ShouldNotContain("   at ");
    }
    public static TheoryData<string, string, string?, int, string> FrameworkErrors() => new()
    {
        // method, url, Content-Type, status, shape: what no endpoint answers still comes in the path's documented shape.
        { "GET", "/oauth/token", null, 405, "oauth" },
        { "DELETE", "/oauth/revoke", null, 405, "oauth" },
        { "PUT", "/oauth/introspect", null, 405, "oauth" },
        { "PATCH", "/oauth/register", null, 405, "oauth" },
        { "POST", "/oauth//revoke", Form, 404, "oauth" },
        { "POST", "/oauth/token/extra", Form, 404, "oauth" },
        { "POST", "/oauth/authorize", Form, 405, "page" },
        { "GET", "/oauth/consent", null, 405, "page" },
        { "PUT", "/oauth/logout", null, 405, "page" },
        { "GET", "/oauth//authorize", null, 404, "page" },
        { "DELETE", "/oauth/changes", null, 405, "seed" },
    };

    [Theory]
    [MemberData(nameof(FrameworkErrors))]
    public async Task a_framework_error_on_an_oauth_path_comes_in_that_paths_documented_shape(string method, string url, string? contentType, int status, string shape)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (contentType is not null) request.Content = new StringContent("{}", Encoding.UTF8, contentType);

        var answer = await Answer.From(await Api.Http.SendAsync(request, Ct));

        ((int)answer.Status).ShouldBe(status, answer.Text);
        switch (shape)
        {
            case "oauth":
                answer.Json.GetProperty("error").GetString().ShouldBe("invalid_request");
                answer.Json.GetProperty("error_description").GetString().ShouldNotBeNullOrWhiteSpace();
                break;
            case "seed":
                answer.Json.GetProperty("statusCode").GetInt32().ShouldBe(status);
                break;
            default:
                answer.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
                answer.Text.ShouldContain("<h1>");
                break;
        }
    }

    public static TheoryData<string, string, string?, string?, int> ManagementRequests() => new()
    {
        { "POST", "/api/clients/" + Guid.Empty + "/rotate-secret", Json, "{}", 404 },
        { "POST", "/api/clients/" + Guid.Empty + "/disable", Json, "{\"reason\":\"gone\"}", 404 },
        { "GET", "/api/clients/" + Guid.Empty, null, null, 404 },
        { "POST", "/api/clients", Json, "{\"name\":\"bad\\u0000name\",\"type\":\"confidential\",\"grantTypes\":[\"client_credentials\"]}", 400 },
        { "POST", "/api/users", Json, "{\"email\":\"a\\u0000@example.com\",\"password\":\"long enough password\"}", 400 },
        { "POST", "/api/users", Json, "null", 400 },
        { "POST", "/api/users", "text/plain", "{}", 415 },
        { "POST", "/api/clients", "application/json; charset=bogus", "{}", 415 },
        { "DELETE", "/api/users", null, null, 405 },
        { "GET", "/api/clients?after=%00", null, null, 400 },
    };

    [Theory]
    [MemberData(nameof(ManagementRequests))]
    public async Task a_management_request_no_route_can_take_gets_its_status_in_the_seed_shape(string method, string url, string? contentType, string? body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Headers = { Authorization = new("Bearer", Admin) } };
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var answer = await Answer.From(await Api.Http.SendAsync(request, Ct));

        ((int)answer.Status).ShouldBe(status, answer.Text);
        answer.Json.GetProperty("statusCode").GetInt32().ShouldBe(status);
        answer.Json.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
