using Platform.Fuzz.Tests.Table;

namespace Platform.Fuzz.Tests.Probes;

/// <summary>
/// One hostile request. The runner adds the route's credential unless <paramref name="Authenticate"/> is false;
/// <paramref name="MustRefuse"/> marks requests that have to be refused (4xx) and so may write nothing.
/// </summary>
public sealed record Probe(string Mutator, HttpMethod Method, string PathAndQuery, Func<HttpContent?>? Content = null,
    Action<HttpRequestMessage>? Headers = null, bool MustRefuse = false, bool Authenticate = true)
{
    /// <summary>
    /// An encoded NUL in the path: Kestrel refuses the request target while decoding it, before any code of
    /// ours runs, with a bodiless 400 that no option changes (docs/security.md). Only that status is asserted.
    /// </summary>
    public bool RefusedByTheServer => PathAndQuery.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    public HttpRequestMessage ToRequest(Aim aim)
    {
        var request = new HttpRequestMessage(Method, PathAndQuery) { Content = Content?.Invoke() };
        if (Authenticate) aim.Authenticate(request);
        Headers?.Invoke(request);
        return request;
    }

    public override string ToString() => $"{Method} {(PathAndQuery.Length > 120 ? PathAndQuery[..120] + "…" : PathAndQuery)} [{Mutator}]";
}

/// <summary>A route resolved against real targets: its concrete path, a valid body, and how to authenticate.</summary>
public sealed record Aim(Route Route, string Path, string IdValue, string? Example, Action<HttpRequestMessage> Authenticate, Targets Targets)
{
    public HttpMethod Method => new(Route.Method);

    /// <summary>The path with the route's id replaced by <paramref name="id"/> (already escaped as it should be sent).</summary>
    public string WithId(string id) => Path.Replace(IdValue, id);
}
