using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Fuzz.Tests.Table;

namespace Platform.Fuzz.Tests.Probes;

/// <summary>Hostile bodies: malformed and mistyped JSON or forms, hostile strings in every field, sizes, content types and encodings.</summary>
public static class BodyMutators
{
    private static readonly string Mb2 = new('c', 2 * 1024 * 1024);

    public static IEnumerable<Probe> For(Aim aim) => aim.Route.Body switch
    {
        BodyKind.Json => Json(aim).Concat(ContentTypes(aim, "application/json")),
        BodyKind.Form => Form(aim).Concat(ContentTypes(aim, "application/x-www-form-urlencoded")),
        _ => [],
    };

    private static IEnumerable<Probe> Json(Aim aim)
    {
        (string Name, string Text, bool Refuse)[] whole =
        [
            ("malformed JSON", "{", true), ("truncated JSON", """{"name":""", true), ("single quotes", "{'name':'x'}", true),
            ("JSON null", "null", false), ("array instead of object", "[]", true), ("array of the object", $"[{aim.Example}]", true),
            ("string instead of object", "\"text\"", true), ("number instead of object", "42", true), ("empty body", "", false),
            ("empty object", "{}", false), ("trailing garbage", aim.Example + "}x", true), ("comment", "/* x */" + aim.Example, false),
            ("10000 nested arrays", new string('[', 10000) + new string(']', 10000), true),
            ("huge number", """{"limit":1e400,"lifetimeSeconds":1e400,"overlapSeconds":99999999999999999999999}""", false),
            ("2 MB string", JsonSerializer.Serialize(new { name = Mb2, reason = "x" }), false),
            ("invalid UTF-8", "{\"name\":\"\xFF\xFE\"}", false),
        ];
        foreach (var (name, text, refuse) in whole)
            yield return new Probe(name, aim.Method, aim.Path, () => Body(name == "invalid UTF-8" ? Latin1(text) : Encoding.UTF8.GetBytes(text), "application/json"), MustRefuse: refuse);

        if (aim.Example is null || JsonNode.Parse(aim.Example) is not JsonObject example) yield break;
        foreach (var (field, value) in example)
        {
            foreach (var (kind, wrong) in new (string, JsonNode?)[] { ("number", 123), ("null", null), ("array", new JsonArray()), ("object", new JsonObject()), ("boolean", true) })
                yield return Field(aim, example, field, $"{field} as {kind}", wrong);
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String || value is JsonArray)
                foreach (var (name, text) in Hostile.Strings)
                    yield return Field(aim, example, field, $"{field}: {name}", value is JsonArray ? new JsonArray(text) : JsonValue.Create(text));
            yield return Field(aim, example, field, $"{field} missing", null, remove: true);
        }
        yield return new Probe("duplicate keys", aim.Method, aim.Path,
            () => Body(Encoding.UTF8.GetBytes(aim.Example.TrimEnd('}') + "," + aim.Example.TrimStart('{')), "application/json"));
    }

    private static Probe Field(Aim aim, JsonObject example, string field, string name, JsonNode? value, bool remove = false)
    {
        var copy = example.DeepClone().AsObject();
        if (remove) copy.Remove(field);
        else copy[field] = value;
        var text = copy.ToJsonString().Replace(Hostile.LoneSurrogateMarker, "\\ud800");
        return new Probe(name, aim.Method, aim.Path, () => Body(Encoding.UTF8.GetBytes(text), "application/json"));
    }

    private static IEnumerable<Probe> Form(Aim aim)
    {
        (string Name, string Text)[] whole =
        [
            ("empty form", ""), ("only separators", "=&=&&"), ("malformed escape", "%zz=%"), ("2 MB field", "grant_type=" + Mb2),
            ("invalid UTF-8 escape", "grant_type=%FF%FE&token=%ED%A0%80"), ("JSON in a form", """{"grant_type":"client_credentials"}"""),
        ];
        foreach (var (name, text) in whole)
            yield return new Probe(name, aim.Method, aim.Path, () => Body(Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded"));

        var fields = (aim.Example ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToArray();
        foreach (var field in fields.Select(f => f[0]))
        {
            string Send(string value) => string.Join('&', fields.Select(f => f[0] == field ? $"{field}={value}" : string.Join('=', f)));
            foreach (var (name, text) in Hostile.Strings.Where(s => s.Value != Hostile.LoneSurrogateMarker))
                yield return FormProbe(aim, $"{field}: {name}", Send(Uri.EscapeDataString(text)));
            yield return FormProbe(aim, $"{field}: lone surrogate", Send("%ED%A0%80"));
            yield return FormProbe(aim, $"{field} repeated", Send("a") + $"&{field}=b");
            yield return FormProbe(aim, $"{field} missing", string.Join('&', fields.Where(f => f[0] != field).Select(f => string.Join('=', f))));
        }
    }

    private static Probe FormProbe(Aim aim, string name, string text) =>
        new(name, aim.Method, aim.Path, () => Body(Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded"));

    /// <summary>The valid body under every content type and encoding a client might get wrong.</summary>
    private static IEnumerable<Probe> ContentTypes(Aim aim, string right)
    {
        var example = Encoding.UTF8.GetBytes(aim.Example ?? "");
        var other = right == "application/json" ? "application/x-www-form-urlencoded" : "application/json";
        foreach (var type in new[] { null, "text/plain", other, "application/xml", $"{right}; charset=bogus", $"{right}; charset=", "*/*", "application/json-patch+json", "garbage" })
            yield return new Probe($"Content-Type: {type ?? "none"}", aim.Method, aim.Path, () => Body(example, type));
        yield return new Probe("multipart/form-data", aim.Method, aim.Path, () => new MultipartFormDataContent { { new StringContent(aim.Example ?? ""), "body" }, { new StringContent("x"), "grant_type" } });
        yield return new Probe("UTF-16 with charset", aim.Method, aim.Path, () => Body(Encoding.Unicode.GetBytes(aim.Example ?? ""), $"{right}; charset=utf-16"));
        yield return new Probe("UTF-16 without charset", aim.Method, aim.Path, () => Body(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(aim.Example ?? "")).ToArray(), right));
        yield return new Probe("gzip Content-Encoding", aim.Method, aim.Path, () => Encoded(Gzip(example), right, "gzip"));
        yield return new Probe("gzip header, plain body", aim.Method, aim.Path, () => Encoded(example, right, "gzip"));
        yield return new Probe("unknown Content-Encoding", aim.Method, aim.Path, () => Encoded(example, right, "x-fuzz"));
        yield return new Probe("40 kB of whitespace", aim.Method, aim.Path, () => Body(Encoding.UTF8.GetBytes(new string(' ', 40 * 1024) + aim.Example), right));
    }

    public static ByteArrayContent Body(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Encoded(byte[] bytes, string contentType, string encoding)
    {
        var content = Body(bytes, contentType);
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

}
