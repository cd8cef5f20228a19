using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Tests;

/// <summary>The gateway's own answers are in the platform's error shape, even where Kestrel would answer with an empty body.</summary>
public class ErrorShapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int, int> Requests() => new()
    {
        // url, extra header count, bytes per extra header, expected status
        { "/no-such-service/anything", 0, 0, 404 },
        { "/api/keys/" + new string('a', RequestLimits.MaxUrlBytes), 0, 0, 414 },
        { "/api/keys?q=" + new string('a', RequestLimits.MaxUrlBytes), 0, 0, 414 },
        { "/api/keys", 1, RequestLimits.MaxHeaderBytes + 1, 431 },
        { "/api/keys", RequestLimits.MaxHeaderCount + 1, 10, 431 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task a_request_the_gateway_refuses_itself_is_answered_in_the_shape_and_never_forwarded(string url, int headers, int headerBytes, int status)
    {
        await using var replica = await Replica.StartAsync("keys");
        await using var gateway = await GatewayHost.StartAsync([replica]);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        for (var i = 0; i < headers; i++) request.Headers.TryAddWithoutValidation($"X-Extra-{i}", new string('h', headerBytes));

        using var response = await gateway.Client.SendAsync(request, Ct);

        ((int)response.StatusCode).ShouldBe(status);
        var body = await response.JsonAsync();
        body.GetProperty("statusCode").GetInt32().ShouldBe(status);
        body.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        replica.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Authorization", "bearer \u00e9\u00ff junk")]
    [InlineData("X-Agent-ID", "agent-\u00e9\u00ff")]
    public async Task a_header_value_past_ascii_is_refused_naming_the_header_and_never_forwarded(string name, string value)
    {
        await using var replica = await Replica.StartAsync("keys");
        await using var gateway = await GatewayHost.StartAsync([replica]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/keys");
        request.Headers.TryAddWithoutValidation(name, value);

        using var response = await gateway.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("message").GetString()!.ShouldContain(name);
        replica.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task kestrel_decodes_header_bytes_as_latin1_so_the_gateway_not_kestrel_refuses_them()
    {
        await using var replica = await Replica.StartAsync("keys");
        await using var gateway = await GatewayHost.StartAsync([replica]);

        var selector = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.RequestHeaderEncodingSelector;

        selector.ShouldNotBeNull()("X-Agent-ID").ShouldBe(System.Text.Encoding.Latin1);
    }

    public static TheoryData<string, int, string> PathsWithTheirOwnShape() => new()
    {
        // url, expected status, expected Content-Type start
        { "/oauth/token/" + new string('a', RequestLimits.MaxUrlBytes), 414, "application/json" },
        { "/oauth/revoke?q=" + new string('a', RequestLimits.MaxUrlBytes), 414, "application/json" },
        { "/dashboard/" + new string('a', RequestLimits.MaxUrlBytes), 414, "text/html" },
        { "/oauth/authorize?q=" + new string('a', RequestLimits.MaxUrlBytes), 414, "text/html" },
        { "/dashboard%zz", 404, "text/html" },
    };

    [Theory]
    [MemberData(nameof(PathsWithTheirOwnShape))]
    public async Task the_oauth_endpoints_and_the_pages_for_people_get_the_gateways_errors_in_their_own_shape(string url, int status, string contentType)
    {
        await using var replica = await Replica.StartAsync("keys");
        await using var gateway = await GatewayHost.StartAsync([replica]);

        using var response = await gateway.Client.GetAsync(url, Ct);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldStartWith(contentType);
        if (contentType == "text/html") (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("<h1>");
        else (await response.JsonAsync()).GetProperty("error_description").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task a_url_or_headers_just_within_the_limits_are_forwarded()
    {
        await using var replica = await Replica.StartAsync("keys");
        await using var gateway = await GatewayHost.StartAsync([replica]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/keys/" + new string('a', RequestLimits.MaxUrlBytes - "/api/keys/".Length));
        request.Headers.TryAddWithoutValidation("X-Extra", new string('h', 16 * 1024));

        using var response = await gateway.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        replica.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task kestrel_accepts_far_longer_urls_and_headers_than_the_gateway_forwards_so_it_never_answers_bare()
    {
        await using var replica = await Replica.StartAsync("keys");
        await using var gateway = await GatewayHost.StartAsync([replica]);

        var limits = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        limits.MaxRequestLineSize.ShouldBeGreaterThan(RequestLimits.MaxUrlBytes * 2);
        limits.MaxRequestHeadersTotalSize.ShouldBeGreaterThan(RequestLimits.MaxHeaderBytes * 2);
        limits.MaxRequestHeaderCount.ShouldBeGreaterThan(RequestLimits.MaxHeaderCount * 2);
    }
}
