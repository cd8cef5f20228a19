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
