using System.Net;

namespace Platform.Gateway.Tests;

/// <summary>What is retried (reads, read-only POSTs with their body intact) and what never is (commands).</summary>
public class RetryTests
{
    [Fact]
    public async Task a_verify_body_is_sent_again_intact_to_the_next_replica_when_the_first_dies_mid_request()
    {
        await using var dying = await Replica.StartAsync("dying", diesMidRequest: true);
        await using var live = await Replica.StartAsync("live");
        await using var gateway = await GatewayHost.StartAsync([dying, live]);

        for (var i = 0; dying.Requests.IsEmpty; i++)
        {
            i.ShouldBeLessThan(50, "load balancing never picked the dying replica");
            var body = Requests.RandomBody(10_000);
            var response = i % 2 == 0 ? await gateway.Client.VerifyAsync(body) : await gateway.Client.VerifyStreamedAsync(body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.TextAsync()).ShouldBe(body);
        }

        var lost = dying.Requests.Single();
        live.Requests.Count(r => r.Body == lost.Body).ShouldBe(1);
    }

    [Fact]
    public async Task a_verify_body_larger_than_the_buffer_is_forwarded_whole_but_not_retried()
    {
        await using var dying = await Replica.StartAsync("dying", diesMidRequest: true);
        await using var live = await Replica.StartAsync("live");
        await using var gateway = await GatewayHost.StartAsync([dying, live]);

        HttpResponseMessage response;
        var i = 0;
        do
        {
            i++.ShouldBeLessThan(50, "load balancing never picked the dying replica");
            var body = Requests.RandomBody(SafeRetryLimit + 1);
            response = await gateway.Client.VerifyStreamedAsync(body);
            if (response.IsSuccessStatusCode) (await response.TextAsync()).ShouldBe(body);
        }
        while (response.IsSuccessStatusCode);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        live.Requests.ShouldNotContain(r => r.Body == dying.Requests.Single().Body);
    }

    [Fact]
    public async Task a_command_to_a_replica_that_dies_mid_request_is_not_sent_to_another_and_answers_502_in_the_platform_shape()
    {
        await using var dying = await Replica.StartAsync("dying", diesMidRequest: true);
        await using var live = await Replica.StartAsync("live");
        await using var gateway = await GatewayHost.StartAsync([dying, live]);

        HttpResponseMessage response;
        var i = 0;
        do
        {
            i++.ShouldBeLessThan(50, "load balancing never picked the dying replica");
            response = await gateway.Client.IssueKeyAsync($"key {i}");
        }
        while (response.IsSuccessStatusCode);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var error = await response.JsonAsync();
        error.GetProperty("statusCode").GetInt32().ShouldBe(502);
        error.GetProperty("error").GetString().ShouldBe("Bad Gateway");
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        var applied = dying.Requests.Single();
        live.Requests.ShouldNotContain(r => r.Body == applied.Body);
        live.Requests.Select(r => r.Body).ShouldBeUnique();
    }

    [Fact]
    public async Task with_one_destination_a_read_is_tried_twice_and_a_command_once()
    {
        var dead = Replica.NotStarted("dead");
        await using var gateway = await GatewayHost.StartAsync([dead]);

        (await gateway.Client.ReadKeyAsync("key")).StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        gateway.Attempts.To(dead).ShouldBe(2);

        var issued = await gateway.Client.IssueKeyAsync("key");
        issued.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await issued.JsonAsync()).GetProperty("statusCode").GetInt32().ShouldBe(502);
        gateway.Attempts.To(dead).ShouldBe(3);
    }

    private const int SafeRetryLimit = Failover.SafeRetry.MaxBufferedBody;
}
