using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Alba;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using Platform.Agents.Credentials;
using Platform.Samples.McpServer;

namespace Platform.Sdk.Tests;

/// <summary>The sample MCP server in-process, its platform clients routed to the test hosts, driven by the official MCP client.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class McpServerTests(PlatformFixture fixture) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IAlbaHost _mcp = null!;

    public async ValueTask InitializeAsync() => _mcp = await fixture.StartMcpServerAsync();

    public async ValueTask DisposeAsync() => await _mcp.DisposeAsync();

    [Fact]
    public async Task every_tool_call_is_counted_by_tool_and_outcome()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "models:read", "chat:completions");
        var agent = await fixture.Agents.MintAsync(key.Secret, new MintCredential("mcp-agent", null, ["list_models"], null));
        var calls = new ConcurrentQueue<(string Tool, string Outcome)>();
        using var listener = Listen(calls);
        await using var client = await ConnectAsync(agent.Token, "mcp-agent");

        await client.CallToolAsync("list_models", cancellationToken: Ct);
        var refused = await Should.ThrowAsync<McpProtocolException>(() =>
            client.CallToolAsync("chat", new Dictionary<string, object?> { ["message"] = "Hello" }, cancellationToken: Ct).AsTask());

        refused.Message.ShouldContain("agent credential may not use the tool 'chat'");
        calls.ShouldBe([("list_models", "allowed"), ("chat", "denied")]);
    }

    [Fact]
    public async Task the_tool_list_shows_what_the_credential_may_call()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var modelsOnly = await fixture.Keys.IssueKeyAsync(admin, "models:read");
        var everything = await fixture.Keys.IssueKeyAsync(admin, "admin");
        await using var narrow = await ConnectAsync(modelsOnly.Secret);
        await using var wide = await ConnectAsync(everything.Secret);

        (await narrow.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ShouldBe(["list_models"]);
        (await wide.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ShouldBe(["list_models", "chat", "pnl_summary"], ignoreOrder: true);
        (await wide.CallToolAsync("pnl_summary", cancellationToken: Ct)).IsError.ShouldNotBe(true);
        var refused = await Should.ThrowAsync<McpProtocolException>(() => narrow.CallToolAsync("pnl_summary", cancellationToken: Ct).AsTask());
        refused.Message.ShouldContain("API key lacks the scope 'insights:read'");
    }

    [Fact]
    public async Task wrong_arguments_to_an_allowed_tool_are_a_tool_error_the_model_can_read()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");

        await using var client = await ConnectAsync(key.Secret);
        var answer = await client.CallToolAsync("chat", new Dictionary<string, object?> { ["message"] = "Hello", ["model"] = "gpt-unknown" }, cancellationToken: Ct);

        answer.IsError.ShouldBe(true);
    }

    private Task<McpClient> ConnectAsync(string bearer, string? agentId = null)
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" };
        if (agentId is not null) headers["X-Agent-ID"] = agentId;
        return McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri("http://localhost/mcp"), TransportMode = HttpTransportMode.StreamableHttp, AdditionalHeaders = headers,
        }, _mcp.Server.CreateClient()), cancellationToken: Ct);
    }

    private static MeterListener Listen(ConcurrentQueue<(string, string)> calls)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Name: "mcp.tool.calls", Meter.Name: ToolCallMetrics.MeterName }) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            calls.Enqueue((Tag(all, "tool"), Tag(all, "outcome")));
        });
        listener.Start();
        return listener;
    }

    private static string Tag(KeyValuePair<string, object?>[] tags, string name) => tags.Single(t => t.Key == name).Value as string ?? "";
}
