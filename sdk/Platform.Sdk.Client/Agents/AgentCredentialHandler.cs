using System.Net;
using System.Net.Http.Headers;

namespace Platform.Sdk.Client.Agents;

/// <summary>
/// Adds the agent's credential (<c>Authorization: Bearer agent_tok_…</c>) and <c>X-Agent-ID</c> to every
/// request. On a 401 it refreshes once and retries once; a refused refresh surfaces as
/// <see cref="AgentCredentialRevokedException"/>.
/// </summary>
public sealed class AgentCredentialHandler(AgentCredentialProvider credential) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null) await request.Content.LoadIntoBufferAsync(cancellationToken);
        var token = await credential.GetTokenAsync(cancellationToken);
        Authorize(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        response.Dispose();
        credential.Invalidate(token);
        Authorize(request, await credential.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private void Authorize(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Remove(AgentsClient.AgentIdHeader);
        request.Headers.Add(AgentsClient.AgentIdHeader, credential.AgentId);
    }
}
