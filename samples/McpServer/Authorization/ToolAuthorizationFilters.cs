using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.Credentials;

namespace Platform.Samples.McpServer.Authorization;

/// <summary>
/// Authorization per tool call, not only per HTTP request: the tool's scope, and for an agent credential
/// Agents' verify with the tool's name on every call (uncached), so an allow-list, a narrowing or a
/// revoked parent key applies to the very next call. tools/list shows only what the caller may call.
/// </summary>
public static class ToolAuthorizationFilters
{
    /// <summary>
    /// Note: a refusal is a JSON-RPC error, not a tool result with <c>isError</c>. Results with
    /// <c>isError</c> are for the model to read and retry with other arguments; a refusal is not the
    /// model's to fix, and as a protocol error the client application sees it (and the model does not
    /// loop on it). The code is in the JSON-RPC range reserved for servers.
    /// </summary>
    public const McpErrorCode Forbidden = (McpErrorCode)(-32003);

    public static IMcpServerBuilder WithToolAuthorization(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters =>
        {
            filters.AddListToolsFilter(next => async (context, ct) =>
            {
                var result = await next(context, ct);
                var user = context.User ?? new ClaimsPrincipal();
                result.Tools = [.. result.Tools.Where(tool => ToolAccess.Listed(user, tool.Name))];
                return result;
            });
            filters.AddCallToolFilter(next => async (context, ct) =>
            {
                var tool = context.Params?.Name ?? "";
                var metrics = context.Services!.GetRequiredService<ToolCallMetrics>();
                if (await RefusalAsync(context.User ?? new ClaimsPrincipal(), tool, context.Services!, ct) is { } refusal)
                {
                    // Agents unreachable is not a refusal of this caller: an internal error, which a client may retry.
                    var unavailable = refusal.StatusCode == StatusCodes.Status503ServiceUnavailable;
                    metrics.Refused(tool, unavailable);
                    throw new McpProtocolException(refusal.Message, unavailable ? McpErrorCode.InternalError : Forbidden);
                }
                metrics.Allowed(tool);
                return await next(context, ct);
            });
        });

    private static async Task<Refusal?> RefusalAsync(ClaimsPrincipal user, string tool, IServiceProvider services, CancellationToken ct)
    {
        if (ToolAccess.ScopeProblem(user, tool) is { } problem) return Refusal.For(StatusCodes.Status403Forbidden, problem);
        if (!ToolAccess.IsAgent(user) || !Tools.ToolScopes.Required.TryGetValue(tool, out var scope)) return null;

        // Stateless transport: each call is its own HTTP request, so the credential is the one on this request.
        var request = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request;
        var header = request?.Headers[HeaderNames.Authorization].ToString() ?? "";
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        var check = await services.GetRequiredService<AgentTokenVerifier>()
            .CheckToolAsync(token, request?.Headers[AgentTokenVerifier.AgentHeader].ToString(), tool, [scope], ct);
        return check.Refusal;
    }
}
