using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.AppHost.Tests.Deploy;

/// <summary>What a container's variable holds once the kubelet has built its environment.</summary>
internal abstract record EnvValue;

internal sealed record Literal(string Value) : EnvValue;

internal sealed record FromSecret(string Secret, string Key) : EnvValue;

/// <summary>One rendering of a kustomization, and the look-ups the deployment's checks need.</summary>
internal sealed partial class Rendered(List<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects => objects;

    public IEnumerable<JsonObject> OfKind(string kind) => objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => Name(o) == name);

    public JsonObject Get(string kind, string name) => Find(kind, name) ?? throw new ShouldAssertException($"the rendering has no {kind} {name}");

    /// <summary>Every pod the rendering would run: Deployments' and Jobs' templates, by their owner's name.</summary>
    public IEnumerable<(string Owner, string Kind, JsonObject Template)> PodTemplates =>
        objects.Where(o => MiniKustomize.PodTemplate(o) is not null).Select(o => (Name(o), (string)o["kind"]!, MiniKustomize.PodTemplate(o)!));

    public JsonObject Container(string deployment) =>
        MiniKustomize.Containers(Template(deployment)).Single(c => (string?)c["name"] == deployment);

    public JsonObject Template(string deployment) => MiniKustomize.PodTemplate(Get("Deployment", deployment))!;

    /// <summary>A container's environment as the kubelet builds it: envFrom first, then env in order, with $(VAR) expanded.</summary>
    public Dictionary<string, EnvValue> Environment(JsonObject container)
    {
        var env = new Dictionary<string, EnvValue>();
        foreach (var source in container["envFrom"]?.AsArray().Select(s => s!.AsObject()) ?? [])
        {
            if (source["configMapRef"] is { } map)
                foreach (var (key, value) in Data(Get("ConfigMap", (string)map["name"]!))) env[key] = new Literal(value);
            else if (source["secretRef"] is { } secret)
                foreach (var key in Data(Get("Secret", (string)secret["name"]!)).Keys) env[key] = new FromSecret((string)secret["name"]!, key);
            else throw new NotSupportedException($"envFrom {source.ToJsonString()}");
        }
        foreach (var entry in container["env"]?.AsArray().Select(e => e!.AsObject()) ?? [])
            env[(string)entry["name"]!] = entry["valueFrom"] is { } from ? From(from.AsObject()) : new Literal(Expand((string?)entry["value"] ?? "", env));
        return env;
    }

    /// <summary>A key of a Secret or ConfigMap of this rendering; one the rendering lacks is a setting nobody provides.</summary>
    private EnvValue From(JsonObject from)
    {
        if (from["secretKeyRef"] is { } secret)
        {
            var (name, key) = ((string)secret["name"]!, (string)secret["key"]!);
            Data(Get("Secret", name)).ShouldContainKey(key, $"Secret {name}");
            return new FromSecret(name, key);
        }
        if (from["configMapKeyRef"] is { } map)
            return new Literal(Data(Get("ConfigMap", (string)map["name"]!))[(string)map["key"]!]);
        throw new NotSupportedException($"valueFrom {from.ToJsonString()}");
    }

    /// <summary>Kubernetes leaves a $(VAR) it cannot resolve as it is: here that is a mistake.</summary>
    private static string Expand(string value, Dictionary<string, EnvValue> env) => Reference().Replace(value, m =>
        env.GetValueOrDefault(m.Groups[1].Value) is Literal known ? known.Value
            : throw new ShouldAssertException($"'{value}': $({m.Groups[1].Value}) is not a value defined before it"));

    public static Dictionary<string, string> Data(JsonObject mapOrSecret) =>
        new[] { "data", "stringData" }.SelectMany(field => mapOrSecret[field]?.AsObject() ?? [])
            .ToDictionary(entry => entry.Key, entry => (string)entry.Value!);

    /// <summary>A label selector (matchLabels, matchExpressions), or a Service's plain map, against a pod's labels.</summary>
    public static bool Selects(JsonObject selector, JsonObject? labels)
    {
        string? Label(string key) => (string?)labels?[key];
        if (selector.ContainsKey("matchLabels") || selector.ContainsKey("matchExpressions"))
            return (selector["matchLabels"]?.AsObject() ?? []).All(l => Label(l.Key) == (string?)l.Value)
                && (selector["matchExpressions"]?.AsArray() ?? []).All(e => (string?)e!["operator"] switch
                {
                    "In" => e["values"]!.AsArray().Any(v => (string?)v == Label((string)e["key"]!)),
                    "Exists" => Label((string)e["key"]!) is not null,
                    var other => throw new NotSupportedException($"selector operator {other}"),
                });
        return selector.All(l => Label(l.Key) == (string?)l.Value);
    }

    /// <summary>The port a Deployment's container serves on (its port named http).</summary>
    public string Port(string deployment) =>
        (string)Container(deployment)["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!["containerPort"]!;

    /// <summary><c>http://name</c>, once its Service is seen to select the Deployment's pods and send port 80 to its http port.</summary>
    public string ServiceUrl(string name)
    {
        var service = Get("Service", name)["spec"]!;
        Selects(service["selector"]!.AsObject(), Labels(Template(name))).ShouldBeTrue(name);
        var port = service["ports"]!.AsArray().Single(p => (string?)p!["port"] == "80")!;
        ((string?)port["targetPort"]).ShouldBeOneOf("http", Port(name));
        return $"http://{name}";
    }

    /// <summary>The public host: the Ingress's one rule.</summary>
    public string PublicHost => (string)OfKind("Ingress").Single()["spec"]!["rules"]!.AsArray().Single()!["host"]!;

    /// <summary>The fewest replicas a Deployment runs: its autoscaler's minimum, or its own count.</summary>
    public int MinimumReplicas(string deployment) =>
        OfKind("HorizontalPodAutoscaler").SingleOrDefault(h => (string?)h["spec"]!["scaleTargetRef"]!["name"] == deployment) is { } autoscaler
            ? int.Parse((string)autoscaler["spec"]!["minReplicas"]!)
            : int.Parse((string?)Get("Deployment", deployment)["spec"]!["replicas"] ?? "1");

    public static JsonObject? Labels(JsonObject template) => template["metadata"]?["labels"]?.AsObject();

    public static string Name(JsonObject o) => MiniKustomize.Name(o);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
