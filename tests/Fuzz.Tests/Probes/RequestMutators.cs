using System.Net.Http.Headers;
using System.Text;
using Platform.Fuzz.Tests.Table;

namespace Platform.Fuzz.Tests.Probes;

/// <summary>Hostile credentials, methods, ids, query strings, URLs and headers: what every route can be sent.</summary>
public static class RequestMutators
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

    public static IEnumerable<Probe> For(Aim aim) =>
        Credentials(aim).Concat(WrongMethods(aim)).Concat(Ids(aim)).Concat(Queries(aim)).Concat(Urls(aim)).Concat(Headers(aim));

    /// <summary>The route's valid body, so only the mutated part is wrong.</summary>
    public static Func<HttpContent?>? ValidBody(Aim aim) => aim.Example is null ? null : aim.Route.Body switch
    {
        BodyKind.Json => () => new StringContent(aim.Example, Encoding.UTF8, "application/json"),
        BodyKind.Form => () => new StringContent(aim.Example, Encoding.UTF8, "application/x-www-form-urlencoded"),
        _ => null,
    };

    private static IEnumerable<Probe> Credentials(Aim aim)
    {
        var needs = aim.Route.Credential != Credential.Anonymous;
        var body = ValidBody(aim);
        if (needs) yield return new Probe("no credential", aim.Method, aim.Path, body, MustRefuse: true, Authenticate: false);
        foreach (var (name, value) in Hostile.Authorizations)
            yield return new Probe($"Authorization: {name}", aim.Method, aim.Path, body,
                r => { r.Headers.Remove("Authorization"); r.Headers.TryAddWithoutValidation("Authorization", value); }, MustRefuse: needs, Authenticate: false);
        if (needs)
            yield return new Probe("two Authorization headers", aim.Method, aim.Path, body,
                r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_live_" + new string('Y', 40)));
        if (aim.Route.Credential == Credential.Agent)
        {
            yield return new Probe("no X-Agent-ID", aim.Method, aim.Path, body, r => r.Headers.Remove("X-Agent-ID"), MustRefuse: true);
            yield return new Probe("another X-Agent-ID", aim.Method, aim.Path, body, r => SetHeader(r, "X-Agent-ID", "someone-else"), MustRefuse: true);
        }
        if (aim.Route.Credential is Credential.Admin)
            yield return new Probe("key without keys:manage", aim.Method, aim.Path, body,
                r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", aim.Targets.Key.Secret), MustRefuse: true, Authenticate: false);
    }

    private static IEnumerable<Probe> WrongMethods(Aim aim)
    {
        var taken = RouteTable.All.Where(r => r.Path == aim.Route.Path).Select(r => r.Method).ToHashSet();
        foreach (var method in Methods.Where(m => !taken.Contains(m) && !(m == "HEAD" && taken.Contains("GET"))))
            yield return new Probe($"method {method}", new HttpMethod(method), aim.Path,
                method is "POST" or "PUT" or "PATCH" ? () => new StringContent("{}", Encoding.UTF8, "application/json") : null, MustRefuse: true);
    }

    private static IEnumerable<Probe> Ids(Aim aim)
    {
        if (!aim.Route.HasId) yield break;
        var body = ValidBody(aim);
        // The dashboard's pages answer any id with the page (its data comes from the APIs); only the APIs must refuse.
        var refuse = aim.Route.Shape != Shape.Html;
        foreach (var (name, value) in Hostile.Ids)
            yield return new Probe($"id {name}", aim.Method, aim.WithId(value), body, MustRefuse: refuse);
        yield return new Probe("id of another account", aim.Method, aim.WithId(aim.Targets.ForeignClient.ToString()), body, MustRefuse: refuse);
    }

    private static IEnumerable<Probe> Queries(Aim aim)
    {
        var body = ValidBody(aim);
        string[] values = ["-1", "1e9", "garbage", "%00", "%zz", new string('7', 5000), "2026-13-45T99:99:99Z", "%E2%80%AE"];
        foreach (var parameter in aim.Route.Query ?? [])
        {
            foreach (var value in values)
                yield return new Probe($"query {parameter}={Excerpt(value)}", aim.Method, $"{aim.Path}?{parameter}={value}", body);
            yield return new Probe($"query {parameter} repeated", aim.Method, $"{aim.Path}?{parameter}=1&{parameter}=2&{parameter}=", body);
        }
        yield return new Probe("query of every parameter, garbage", aim.Method,
            aim.Path + "?" + string.Join('&', (aim.Route.Query ?? ["limit", "after"]).Select(p => $"{p}=%FF%FE{p}")), body);
    }

    private static IEnumerable<Probe> Urls(Aim aim)
    {
        var body = ValidBody(aim);
        yield return new Probe("10 kB query string", aim.Method, $"{aim.Path}?q={Hostile.Kb10}", body);
        yield return new Probe("10 kB path", aim.Method, $"{aim.Path}/{Hostile.Kb10}", body);
        yield return new Probe("trailing slash", aim.Method, aim.Path + "/", body);
        yield return new Probe("doubled slashes", aim.Method, aim.Path.Replace("/", "//").TrimStart('/').Insert(0, "/"), body);
        yield return new Probe("malformed escape in path", aim.Method, aim.Path + "%zz", body);
        yield return new Probe("encoded NUL in path", aim.Method, aim.Path + "%00", body);
    }

    private static IEnumerable<Probe> Headers(Aim aim)
    {
        var body = ValidBody(aim);
        yield return new Probe("Host: evil.example", aim.Method, aim.Path, body, r => r.Headers.Host = "evil.example");
        yield return new Probe("X-Forwarded-Host and -Proto", aim.Method, aim.Path, body,
            r => { SetHeader(r, "X-Forwarded-Host", "evil.example"); SetHeader(r, "X-Forwarded-Proto", "gopher"); SetHeader(r, "X-Forwarded-For", "not-an-ip, 999.1.1.1"); });
        yield return new Probe("Accept: application/xml", aim.Method, aim.Path, body, r => SetHeader(r, "Accept", "application/xml"));
        yield return new Probe("10 kB cookie", aim.Method, aim.Path, body, r => SetHeader(r, "Cookie", $"x={Hostile.Kb10}; .AspNetCore.Cookies=garbage"));
        if (aim.Route.Method is "POST" or "PUT" && aim.Route.HasId)
            foreach (var ifMatch in new[] { "garbage", "\"-1\"", "\"99999999999999999999\"", "W/\"1\"", "\"1\", \"2\"" })
                yield return new Probe($"If-Match: {ifMatch}", aim.Method, aim.Path, body, r => SetHeader(r, "If-Match", ifMatch));
        if (aim.Route.Credential == Credential.Agent || aim.Route.Path == "/api/agents/verify")
            foreach (var (name, value) in new[] { ("empty", ""), ("5 kB", new string('x', 5000)), ("non-ASCII", "agent-\u00e9\u00ff"), ("two", "a, b") })
                yield return new Probe($"X-Agent-ID {name}", aim.Method, aim.Path, body, r => SetHeader(r, "X-Agent-ID", value),
                    MustRefuse: aim.Route.Credential == Credential.Agent);
    }

    public static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private static string Excerpt(string value) => value.Length > 20 ? $"{value[..8]}…({value.Length})" : value;
}
